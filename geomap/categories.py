"""The event categories geomap codes, their sub-types with ACLED and CAMEO equivalents, and how the map draws them.

ACLED (event_type / sub_event_type) and CAMEO codes follow `../shared/docs/events.md`; an empty string is
where the scheme has no such event (natural disasters and accidents are outside both, diplomacy and
humanitarian appeals outside ACLED).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class SubType:
    name: str
    acled_event_type: str
    acled_sub_event_type: str
    cameo: str
    disorder_type: str


@dataclass(frozen=True, slots=True)
class Category:
    key: str
    label: str
    colour: str  # marker fill on the map
    sub_types: dict[str, SubType]  # the first is the default, used when the text says nothing finer

    @property
    def default(self) -> SubType:
        return next(iter(self.sub_types.values()))

    @property
    def acled_event_type(self) -> str:
        return self.default.acled_event_type

    @property
    def acled_sub_event_type(self) -> str:
        return self.default.acled_sub_event_type

    @property
    def cameo(self) -> str:
        return self.default.cameo

    @property
    def disorder_type(self) -> str:
        return self.default.disorder_type

    def sub_type(self, name: str) -> SubType:
        return self.sub_types.get(name) or self.default


def _category(key: str, label: str, colour: str, *subs: tuple[str, str, str, str, str]) -> Category:
    return Category(key, label, colour, {s[0]: SubType(*s) for s in subs})


REMOTE, BATTLES, VAC = "Explosions/Remote violence", "Battles", "Violence against civilians"
VIOLENCE, STRATEGIC, DEMONSTRATIONS = "Political violence", "Strategic developments", "Demonstrations"

CATEGORIES: dict[str, Category] = {
    c.key: c
    for c in (
        _category("airstrike", "Airstrike / drone strike", "#d62728",
                  ("air strike", REMOTE, "Air/drone strike", "195", VIOLENCE),
                  ("drone strike", REMOTE, "Air/drone strike", "195", VIOLENCE)),
        _category("shelling", "Shelling / rocket / missile attack", "#ff7f0e",
                  ("artillery", REMOTE, "Shelling/artillery/missile attack", "194", VIOLENCE),
                  ("rocket", REMOTE, "Shelling/artillery/missile attack", "194", VIOLENCE),
                  ("missile", REMOTE, "Shelling/artillery/missile attack", "194", VIOLENCE)),
        _category("armed_clash", "Armed clash / ground operation", "#8c564b",
                  ("armed clash", BATTLES, "Armed clash", "193", VIOLENCE),
                  ("ground operation", BATTLES, "Armed clash", "190", VIOLENCE)),
        _category("bombing", "Bombing / IED", "#9467bd",
                  ("remote explosive", REMOTE, "Remote explosive/landmine/IED", "183", VIOLENCE),
                  ("suicide bomb", REMOTE, "Suicide bomb", "1831", VIOLENCE),
                  ("car bomb", REMOTE, "Remote explosive/landmine/IED", "1832", VIOLENCE)),
        _category("attack", "Attack / killing", "#7f0000",
                  ("attack", VAC, "Attack", "180", VIOLENCE)),
        _category("abduction", "Abduction / hostage taking", "#e377c2",
                  ("abduction", VAC, "Abduction/forced disappearance", "181", VIOLENCE)),
        _category("arrest", "Arrest", "#7f7f7f",
                  ("arrest", STRATEGIC, "Arrests", "173", STRATEGIC)),
        _category("protest", "Protest / riot", "#bcbd22",
                  ("peaceful protest", "Protests", "Peaceful protest", "141", DEMONSTRATIONS),
                  ("protest with intervention", "Protests", "Protest with intervention", "141", DEMONSTRATIONS),
                  ("violent demonstration", "Riots", "Violent demonstration", "145",
                   f"{VIOLENCE}; {DEMONSTRATIONS}"),
                  ("mob violence", "Riots", "Mob violence", "145", VIOLENCE)),
        _category("diplomacy", "Diplomatic visit / meeting", "#1f77b4",
                  ("visit", "", "", "042", ""),
                  ("meeting", "", "", "040", ""),
                  ("negotiation", "", "", "046", "")),
        _category("ceasefire", "Ceasefire / agreement", "#2ca02c",
                  ("ceasefire", STRATEGIC, "Agreement", "0871", STRATEGIC),
                  ("agreement", STRATEGIC, "Agreement", "057", STRATEGIC)),
        _category("humanitarian", "Humanitarian appeal / aid", "#17becf",
                  ("appeal", "", "", "0233", ""),
                  ("aid", "", "", "073", ""),
                  ("evacuation", "", "", "", "")),
        _category("disaster", "Natural disaster", "#006d77",
                  *((name, "", "", "", "") for name in ("flood", "landslide", "earthquake", "eruption", "wildfire",
                                                        "storm", "tsunami", "drought"))),
        _category("accident", "Accident", "#6b4f1d",
                  *((name, "", "", "", "") for name in ("road", "fire", "ship", "air", "rail", "collapse", "mine",
                                                        "explosion"))),
    )
}

# How an event's place was found: the text says it happened there; it was struck, raided or aimed at
# there; the scene was set by an earlier sentence; or only the country of an actor is known (coarse).
PLACE_ROLES = ("location", "target", "scene", "actor_country")

# Kinds of statement about an event that did not happen as such; never mapped (CAMEO 01x-03x, 13x).
STATEMENT_KINDS = ("threat", "warning", "denial", "hope", "plan", "question", "condition")
