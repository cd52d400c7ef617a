"""The figures of Chapter 2, Kitakyushu as a "Top-runner of Intercity Cooperation" (Figures 2.1-2.10 of the 2018
edition). Declared here as the chapter is rebuilt; a figure no manuscript places is not drawn."""
from __future__ import annotations

from dpaper.figures.declare import map  # noqa: A004 (map: the kind)

map("kk-location", datasets=("cities",), caption="Where Kitakyushu lies",
    title="Kitakyushu and the cities within 1,000 km of it", extent=[118.5, 143.5, 24.5, 43.5],
    places={"name": ["Kitakyushu", "Tokyo", "Seoul", "Busan", "Dalian", "Shanghai"]}, highlight=["Kitakyushu"],
    circle={"centre": "Kitakyushu", "radius_km": 1000}, shade=["Japan"],
    countries={"Japan": "JAPAN", "China": "CHINA", "South Korea": "SOUTH KOREA", "North Korea": "NORTH KOREA"})
