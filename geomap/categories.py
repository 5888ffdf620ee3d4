"""The event categories geomap codes, with their ACLED and CAMEO equivalents and how the map draws them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Category:
    key: str
    label: str
    acled_event_type: str  # "" where ACLED has no such event
    acled_sub_event_type: str
    cameo: str
    disorder_type: str
    colour: str  # marker fill on the map


CATEGORIES: dict[str, Category] = {
    c.key: c
    for c in (
        Category("airstrike", "Airstrike / drone strike", "Explosions/Remote violence", "Air/drone strike", "195",
                 "Political violence", "#d62728"),
        Category("shelling", "Shelling / rocket / missile attack", "Explosions/Remote violence",
                 "Shelling/artillery/missile attack", "194", "Political violence", "#ff7f0e"),
        Category("armed_clash", "Armed clash / ground operation", "Battles", "Armed clash", "190",
                 "Political violence", "#8c564b"),
        Category("bombing", "Bombing / IED", "Explosions/Remote violence", "Remote explosive/landmine/IED", "183",
                 "Political violence", "#9467bd"),
        Category("attack", "Attack / killing", "Violence against civilians", "Attack", "180",
                 "Political violence", "#7f0000"),
        Category("abduction", "Abduction / hostage taking", "Violence against civilians",
                 "Abduction/forced disappearance", "181", "Political violence", "#e377c2"),
        Category("arrest", "Arrest", "Strategic developments", "Arrests", "173", "Strategic developments", "#7f7f7f"),
        Category("protest", "Protest / riot", "Protests", "Peaceful protest", "141", "Demonstrations", "#bcbd22"),
        Category("diplomacy", "Diplomatic visit / meeting", "", "", "042", "", "#1f77b4"),
        Category("ceasefire", "Ceasefire / agreement", "Strategic developments", "Agreement", "0871",
                 "Strategic developments", "#2ca02c"),
        Category("humanitarian", "Humanitarian appeal / aid", "", "", "0233", "", "#17becf"),
        Category("disaster", "Natural disaster", "", "", "", "", "#006d77"),
        Category("accident", "Accident", "", "", "", "", "#6b4f1d"),
    )
}
