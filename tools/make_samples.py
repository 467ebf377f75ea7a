#!/usr/bin/env python3
"""Writes Bridgework's sample maps into sample_networks/.

    python3 tools/make_samples.py          # from the repository root

Three fictional health-and-care stakeholder maps, in the native JSON format
(version 1):

* diabetes_network.json      a local diabetes clinical network (~75 actors)
* frailty_discharge.json     an integrated frailty / hospital discharge system (~100)
* mental_health_crisis.json  a mental health crisis pathway (~65)

Every person, organisation and place is invented. The maps are drawn so that
analysis has something true to life to say: dense ties inside sectors, silo
gaps between some sectors, a few bridging people, a "hero" whose departure
would cut a group off (an articulation point), hidden influencers (low formal
position, many ties) and senior people on the edge of the network.

Standard library only and deterministic: every random choice comes from a
seeded random.Random, nothing iterates over a set, so every run writes
byte-identical files. The checks at the end (assertions) re-read the files
and test the format rules and the intended structure; the script prints a
short summary of each map.
"""

import json
import math
import os
import random
import sys
from collections import Counter

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT_DIR = os.path.join(ROOT, "sample_networks")
CREATED = "2026-11-22"

# ---------------------------------------------------------------------------
# The default lists, exactly as Bridgework writes them (src/model/sector.rs).

DEFAULT_SECTORS = [
    ("primary care", "#E69F00", "circle"),
    ("hospital care", "#0072B2", "square"),
    ("community health", "#009E73", "triangle"),
    ("mental health", "#CC79A7", "diamond"),
    ("social care", "#D55E00", "hexagon"),
    ("voluntary & community sector", "#56B4E9", "triangle_down"),
    ("public health", "#F0E442", "pentagon"),
    ("commissioning (ICB)", "#888888", "star"),
    ("local government", "#332288", "cross"),
    ("patients & carers", "#882255", "octagon"),
    ("education & research", "#999933", "bowtie"),
]

# What Bridgework gives the 12th and 13th sector of a map
# (Network::ensure_sector, src/model/network.rs): the first colour of the
# sector sequence (model::PALETTE, then model::generated_colours) that is
# ΔE76 >= 12 from every sector on the map, with the least-used shape. For
# the defaults that is the palette's red #EE6677, then the first generated
# colour #00DD00. tests/it/samples.rs checks that the app agrees.
EXTRA_STYLES = [("#EE6677", "circle"), ("#00DD00", "square")]

# Sector colours on one map must be at least this far apart (CIE ΔE76), and
# this far from the canvas selection colour (model::SELECTION).
MIN_DELTA_E = 12.0
SELECTION = "#FF00FF"

DEFAULT_TIE_KINDS = [
    ("collaboration", "#888888", "solid", False, True),
    ("referral", "#0072B2", "solid", True, True),
    ("commissioning", "#009E73", "dashed", True, True),
    ("line management", "#CC79A7", "dash_dot", True, True),
    ("informal/advice", "#56B4E9", "dotted", False, True),
    ("conflict", "#D55E00", "dashed", False, False),
]
KIND_CODES = {
    "C": "collaboration",
    "R": "referral",
    "M": "commissioning",
    "L": "line management",
    "I": "informal/advice",
    "X": "conflict",
}
KIND_DIRECTED = {k[0]: k[3] for k in DEFAULT_TIE_KINDS}
KIND_IN_ANALYSIS = {k[0]: k[4] for k in DEFAULT_TIE_KINDS}

ACTOR_KINDS = ["person", "organisation", "team", "patient_voice", "other"]
PROFESSIONS = ["doctor", "nurse", "ahp", "pharmacist", "manager", "social_worker", "commissioner", "other"]
STANCES = ["champion", "supporter", "neutral", "sceptic", "opposed", "unknown"]
SHAPES = ["circle", "square", "triangle", "diamond", "hexagon", "triangle_down",
          "pentagon", "star", "cross", "octagon", "bowtie"]
DASHES = ["solid", "dashed", "dotted", "dash_dot"]
# Private-field names in the order Bridgework writes them (enum order).
ACTOR_PRIVATE = ["organisation", "role", "profession", "formal_position", "stance",
                 "influence", "tags", "notes", "attributes"]
TIE_PRIVATE = ["notes", "attributes"]

ACTOR_KEYS = ["id", "name", "kind", "sector", "organisation", "role", "profession",
              "formal_position", "stance", "influence", "tags", "notes", "x", "y",
              "pinned", "private", "attributes"]
TIE_KEYS = ["id", "from", "to", "kind", "directed", "strength", "confirmed", "notes",
            "private", "attributes"]
DOC_KEYS = ["format", "version", "title", "description", "metadata", "sectors",
            "tie_kinds", "actors", "ties"]

# Short names for sectors in the map definitions below.
SECTOR_CODES = {
    "PC": "primary care",
    "HC": "hospital care",
    "CH": "community health",
    "MH": "mental health",
    "SC": "social care",
    "VCS": "voluntary & community sector",
    "PH": "public health",
    "ICB": "commissioning (ICB)",
    "LG": "local government",
    "PAT": "patients & carers",
    "EDU": "education & research",
}

CIRCLE_RADIUS = 600.0


class MapBuilder:
    """Collects the actors and ties of one map, then lays it out and writes it."""

    def __init__(self, filename, title, description, seed, extra_sectors=()):
        self.filename = filename
        self.title = title
        self.description = description
        self.rng = random.Random(seed)
        self.sectors = [{"name": n, "colour": c, "shape": s} for n, c, s in DEFAULT_SECTORS]
        self.codes = dict(SECTOR_CODES)
        for i, (code, name) in enumerate(extra_sectors):
            colour, shape = EXTRA_STYLES[i]
            self.sectors.append({"name": name, "colour": colour, "shape": shape})
            self.codes[code] = name
        self.actors = []          # dicts in file order
        self.by_key = {}          # key -> actor dict
        self.pulls = {}           # key -> sector drawn towards (bridging people)
        self.circle_order = None  # sector names clockwise from the top, if not list order
        self.ties = []
        self.tie_seen = {}        # (kind, a, b) -> True (a, b sorted for mutual kinds)
        self.pairs = {}           # sorted (a, b) -> True, any kind
        # Facts about the intended structure, checked after writing.
        self.expect = {"heroes": [], "bridges": [], "hidden": [], "peripheral": [], "thin": []}

    # -- actors ------------------------------------------------------------
    def actor(self, key, name, sector, organisation, role, profession, formal_position,
              stance, influence, tags, notes, kind="person", pull=None, private=None):
        assert key not in self.by_key, key
        if private is None:
            if kind in ("organisation", "team"):
                private = ["notes"]
            elif kind == "person" and stance in ("sceptic", "opposed"):
                private = ["stance", "influence", "notes"]
            else:
                private = ["stance", "notes"]
        private = [f for f in ACTOR_PRIVATE if f in private]
        a = {
            "id": "a%d" % (len(self.actors) + 1),
            "name": name,
            "kind": kind,
            "sector": self.codes[sector],
            "organisation": organisation,
            "role": role,
            "profession": profession,
            "formal_position": formal_position,
            "stance": stance,
            "influence": influence,
            "tags": [t.strip() for t in tags.split(",")],
            "notes": notes,
            "x": 0.0,
            "y": 0.0,
            "pinned": False,
            "private": private,
            "attributes": {},
        }
        self.actors.append(a)
        self.by_key[key] = a
        if pull:
            self.pulls[key] = self.codes[pull]

    def org(self, key, name, sector, role, formal_position, stance, influence, tags, notes,
            kind="organisation", organisation=None):
        self.actor(key, name, sector, organisation or name, role, None, formal_position,
                   stance, influence, tags, notes, kind=kind)

    def voice(self, key, name, organisation, role, formal_position, stance, influence,
              tags, notes):
        self.actor(key, name, "PAT", organisation, role, None, formal_position, stance,
                   influence, tags, notes, kind="patient_voice")

    # -- ties --------------------------------------------------------------
    def _add_tie(self, a, b, kind, strength, confirmed, notes):
        assert a in self.by_key, "unknown actor key %r" % a
        assert b in self.by_key, "unknown actor key %r" % b
        assert a != b, "self-tie on %r" % a
        directed = KIND_DIRECTED[kind]
        sig = (kind, a, b) if directed else (kind,) + tuple(sorted((a, b)))
        assert sig not in self.tie_seen, "duplicate tie %r" % (sig,)
        self.tie_seen[sig] = True
        self.pairs[tuple(sorted((a, b)))] = True
        self.ties.append({
            "id": "t%d" % (len(self.ties) + 1),
            "from": self.by_key[a]["id"],
            "to": self.by_key[b]["id"],
            "kind": kind,
            "directed": directed,
            "strength": float(strength),
            "confirmed": confirmed,
            "notes": notes,
            "private": [] if kind == "commissioning" else ["notes"],
            "attributes": {},
        })

    def ties_from(self, text):
        """One tie a line: `from to K<strength>[?] [| note]`.

        K is C collaboration, R referral, M commissioning, L line management,
        I informal/advice, X conflict; `?` marks an unconfirmed (assumed) tie.
        Directed kinds run from the first actor to the second.
        """
        for raw in text.strip().splitlines():
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            body, _, note = line.partition("|")
            parts = body.split()
            assert len(parts) == 3, "bad tie line %r" % raw
            a, b, code = parts
            confirmed = not code.endswith("?")
            code = code.rstrip("?")
            kind = KIND_CODES[code[0]]
            strength = int(code[1:])
            assert 1 <= strength <= 5, raw
            self._add_tie(a, b, kind, strength, confirmed, note.strip())

    def sprinkle(self, keys, count):
        """Adds `count` random everyday ties (collaboration or informal/advice)
        between members of one group, skipping pairs already tied: the
        unremarkable density inside a sector that nobody would write down."""
        keys = list(keys)
        added = 0
        guard = 0
        while added < count:
            guard += 1
            assert guard < 10000, "group too small to sprinkle %d ties" % count
            a, b = self.rng.sample(keys, 2)
            if tuple(sorted((a, b))) in self.pairs:
                continue
            kind = "collaboration" if self.rng.random() < 0.45 else "informal/advice"
            strength = self.rng.choice([1, 2, 2, 3, 3, 3, 4])
            confirmed = self.rng.random() >= 0.2
            self._add_tie(a, b, kind, strength, confirmed, "")
            added += 1

    # -- layout and output -------------------------------------------------
    def layout(self):
        """Each sector is a cluster on a big circle, in an order that keeps
        closely tied sectors side by side; actors spread over their cluster
        on a jittered sunflower spiral. Bridging people are drawn a little
        towards the sector they bridge to."""
        used = [s["name"] for s in self.sectors
                if any(a["sector"] == s["name"] for a in self.actors)]
        if self.circle_order:
            assert sorted(self.circle_order) == sorted(used), self.circle_order
            used = list(self.circle_order)
        centres = {}
        for i, name in enumerate(used):
            angle = -math.pi / 2 + 2 * math.pi * i / len(used)
            centres[name] = (CIRCLE_RADIUS * math.cos(angle), CIRCLE_RADIUS * math.sin(angle))
        golden = math.pi * (3 - math.sqrt(5))
        key_of = {a["id"]: k for k, a in self.by_key.items()}
        for name in used:
            members = [a for a in self.actors if a["sector"] == name]
            n = len(members)
            radius = min(170.0, max(60.0, 30.0 * math.sqrt(n)))
            turn = self.rng.uniform(0, 2 * math.pi)
            cx, cy = centres[name]
            for j, a in enumerate(members):
                r = radius * math.sqrt((j + 0.5) / n) + self.rng.uniform(-6, 6)
                t = turn + j * golden + self.rng.uniform(-0.08, 0.08)
                x, y = cx + r * math.cos(t), cy + r * math.sin(t)
                pull = self.pulls.get(key_of[a["id"]])
                if pull:
                    px, py = centres[pull]
                    x, y = x + 0.3 * (px - cx), y + 0.3 * (py - cy)
                a["x"] = round(x, 1) + 0.0   # + 0.0 turns -0.0 into 0.0
                a["y"] = round(y, 1) + 0.0

    def document(self):
        return {
            "format": "bridgework",
            "version": 1,
            "title": self.title,
            "description": self.description,
            "metadata": {"author": "Bridgework sample", "created": CREATED},
            "sectors": self.sectors,
            "tie_kinds": [
                {"name": n, "colour": c, "dash": d, "directed": dr, "include_in_analysis": inc}
                for n, c, d, dr, inc in DEFAULT_TIE_KINDS
            ],
            "actors": self.actors,
            "ties": self.ties,
        }

    def write(self):
        self.layout()
        text = json.dumps(self.document(), indent=2, ensure_ascii=False) + "\n"
        path = os.path.join(OUT_DIR, self.filename)
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        return path

    def ids(self, keys):
        return [self.by_key[k]["id"] for k in keys]


# ===========================================================================
# 1. A local diabetes clinical network
# ===========================================================================

def diabetes_network():
    m = MapBuilder(
        "diabetes_network.json",
        "Eastvale diabetes clinical network",
        "A fictional local diabetes network in the invented towns of Northmoor and "
        "Eastvale: five GP practices and their primary care network, community "
        "pharmacies, the hospital diabetes centre, community nursing and podiatry, "
        "talking therapies, a diabetes charity, patient and peer groups, public "
        "health and the ICB. Drawn for a project moving routine type 2 follow-up "
        "into community clinics. Every person and organisation is invented; any "
        "resemblance to real people or bodies is coincidence.",
        seed=20261122,
    )
    A, O, V = m.actor, m.org, m.voice
    RIV, CAS, MIL = "Riverside Medical Practice", "Castlegate Surgery", "Millbrook Health Centre"
    HOL, ASH = "Hollins Lane Surgery", "Ashworth Family Practice"
    PCN = "Northmoor Central Primary Care Network"
    TRUST = "Northmoor Hospitals NHS Trust"
    COMM = "Eastvale Community Healthcare NHS Trust"
    TT = "Moorside Talking Therapies"
    CHARITY = "Living Well with Diabetes Eastvale"
    PH = "Eastvale Council Public Health"
    ICB = "Northmoor and Eastvale ICB"

    # -- primary care --
    A("riv_gp", "Dr Amara Okafor", "PC", RIV, "GP partner and practice diabetes lead", "doctor", 3,
      "champion", 4, "clinical lead,QI",
      "Runs a virtual diabetes clinic with the hospital twice a month; keen to pilot the new pathway.")
    A("riv_pn", "Sinead Gallagher", "PC", RIV, "Practice nurse (diabetes)", "nurse", 1,
      "champion", 4, "insulin starts,nurse network",
      "Runs the practice nurses' WhatsApp group across the PCN; the person other nurses ask first.")
    A("riv_pm", "Gary Whitfield", "PC", RIV, "Practice manager", "manager", 3,
      "supporter", 2, "operations",
      "Will back changes that do not add to reception workload.")
    A("cas_gpsi", "Dr Rajesh Patel", "PC", CAS,
      "GP with extended role in diabetes; two sessions a week in the hospital clinic", "doctor", 3,
      "champion", 5, "GPwER,community clinic",
      "Trusted by GPs and consultants alike. The community clinic idea rests on him.", pull="HC")
    A("cas_gp2", "Dr Tom Hargreaves", "PC", CAS, "GP partner", "doctor", 3,
      "sceptic", 3, "workload",
      "Worries the pathway moves hospital work into general practice without the money.")
    A("cas_pn", "Joy Mensah", "PC", CAS, "Practice nurse", "nurse", 1,
      "supporter", 2, "insulin starts",
      "Confident with injectables; would start GLP-1s in practice with support.")
    A("cas_pm", "Helen Brightwell", "PC", CAS, "Practice manager", "manager", 3,
      "neutral", 2, "operations",
      "Focused on the practice's recall system migration this year.")
    A("mil_gp", "Dr Fatima Hussain", "PC", MIL, "Salaried GP", "doctor", 2,
      "supporter", 2, "South Asian health",
      "Consults in Urdu and Punjabi; sees a lot of young-onset type 2.")
    A("mil_gp2", "Dr Michael Brennan", "PC", MIL, "Senior GP partner", "doctor", 4,
      "neutral", 3, "partner",
      "Listens to the LMC; will follow if the money is clear.")
    A("mil_pn", "Karen Doyle", "PC", MIL, "Practice nurse", "nurse", 1,
      "neutral", 2, "annual reviews",
      "Carries most of Millbrook's diabetes reviews; stretched.")
    A("mil_pm", "Deborah Lowe", "PC", MIL, "Business manager", "manager", 3,
      "opposed", 3, "contracts",
      "Opposes any work outside the enhanced-service contract; in dispute with the ICB over last year's payments.")
    A("hol_gp", "Dr Ewan McLeod", "PC", HOL, "Senior partner", "doctor", 4,
      "neutral", 3, "partner",
      "Near retirement; supportive in principle, little time.")
    A("hol_pn", "Priya Chauhan", "PC", HOL, "Advanced nurse practitioner", "nurse", 2,
      "supporter", 3, "diabetes,prescriber",
      "Independent prescriber; runs Hollins Lane's diabetes clinic.")
    A("hol_hca", "Mariam Begum", "PC", HOL, "Healthcare assistant (foot checks, HbA1c recalls)", "other", 1,
      "supporter", 2, "foot checks",
      "Does the annual foot checks and refers high-risk feet to community podiatry.")
    A("ash_gp", "Dr Chloe Bennett", "PC", ASH, "GP partner", "doctor", 3,
      "supporter", 3, "partner",
      "Joined the practice two years ago from a city practice with a community clinic.")
    A("ash_pn", "Grace Adeyemi", "PC", ASH, "Practice nurse", "nurse", 1,
      "unknown", 1, "new in post",
      "New in post; not yet met.")
    A("ash_pm", "Stuart Kemp", "PC", ASH, "Practice manager", "manager", 3,
      "sceptic", 2, "operations",
      "Sceptical after a previous pilot ended without funding.")
    O("pcn", PCN, "PC", "Primary care network of the five practices", 3, "supporter", 3, "PCN",
      "Holds the network's additional-roles budget (pharmacist, social prescriber).", kind="team")
    A("pcn_cd", "Dr Owen Price", "PC", PCN, "PCN clinical director", "doctor", 4,
      "supporter", 4, "PCN,leadership",
      "Chairs the monthly PCN board; wants a diabetes success story for the ICB.")
    A("pcn_pharm", "Adaeze Nwosu", "PC", PCN, "PCN clinical pharmacist", "pharmacist", 2,
      "champion", 4, "medicines optimisation,SGLT2 and GLP-1",
      "Works across all five practices reviewing SGLT2 and GLP-1 prescribing; knows every practice's workarounds.")
    A("pcn_slw", "Kwame Asante", "PC", PCN, "Social prescribing link worker", "other", 1,
      "champion", 3, "social prescribing",
      "Main route from the practices into the charity's groups and the walking scheme.", pull="VCS")
    A("cp1", "Harpreet Kaur", "PC", "Bridge Street Pharmacy", "Community pharmacist and owner", "pharmacist", 3,
      "supporter", 2, "community pharmacy",
      "Offers blood pressure and weight checks; would like referrals back from practices.")
    A("cp2", "Ian Fletcher", "PC", "Parkside Pharmacy", "Pharmacy manager", "pharmacist", 2,
      "neutral", 1, "community pharmacy",
      "Part of a chain; limited freedom to take on new services.")
    A("kirby", "Dr Anthony Kirby", "PC", "Eastvale Local Medical Committee", "LMC secretary", "doctor", 4,
      "sceptic", 4, "LMC,contracts",
      "Will scrutinise any shift of work into practices; GPs take his lead.")

    # -- hospital care --
    O("trust", TRUST, "HC", "Acute trust; hosts the diabetes and endocrinology centre", 5, "neutral", 4,
      "acute trust", "Outpatient income is a live issue in every pathway change.")
    A("marsh", "Dr Helen Marsh", "HC", TRUST, "Consultant diabetologist and clinical lead", "doctor", 4,
      "champion", 5, "clinical lead,network chair",
      "Chairs the diabetes network board; the pathway was her idea.")
    A("osei", "Dr Samuel Osei", "HC", TRUST, "Consultant diabetologist (inpatient diabetes)", "doctor", 4,
      "supporter", 3, "inpatients",
      "Leads inpatient diabetes; wants fewer admissions for hypos and DKA.")
    A("llew", "Dr Gareth Llewellyn", "HC", TRUST, "Consultant diabetologist (foot and renal)", "doctor", 4,
      "sceptic", 4, "foot MDT",
      "Protective of outpatient activity; sees virtual clinics as a loss of income and training.")
    A("rahman", "Dr Nadia Rahman", "HC", TRUST, "Specialty registrar, diabetes and endocrinology", "doctor", 2,
      "supporter", 2, "trainee",
      "Doing a quality-improvement project on virtual clinics.")
    A("flynn", "Bernadette Flynn", "HC", TRUST, "Lead diabetes specialist nurse", "nurse", 3,
      "champion", 5, "type 1,transition,peer group",
      "Set up the type 1 peer group and is still its only link with the service; if she left, the group would lose touch.")
    A("tran", "Lucy Tran", "HC", TRUST, "Diabetes specialist nurse", "nurse", 2,
      "supporter", 3, "technology",
      "Runs the insulin pump and sensor clinics.")
    A("reid", "Marcus Reid", "HC", TRUST, "Inpatient diabetes specialist nurse", "nurse", 2,
      "neutral", 2, "inpatients",
      "Arranges insulin visits after discharge with the district nurses.")
    A("zainab", "Zainab Ali", "HC", TRUST, "Specialist diabetes dietitian", "ahp", 2,
      "supporter", 3, "carb counting",
      "Runs the carbohydrate-counting course for people with type 1.")
    A("goodwin", "Rachel Goodwin", "HC", TRUST, "Dietitian", "ahp", 1,
      "neutral", 1, "dietetics",
      "Rotational post; six months in diabetes.")
    A("kowal", "Paul Kowalski", "HC", TRUST, "Podiatrist, multidisciplinary foot team", "ahp", 2,
      "supporter", 3, "foot MDT",
      "Keen to speed up urgent foot referrals from practices.")
    A("grant", "Mr Alistair Grant", "HC", TRUST, "Consultant vascular surgeon", "doctor", 4,
      "neutral", 3, "foot MDT",
      "Attends the weekly foot MDT; otherwise not involved.")
    A("ashby", "Simon Ashby", "HC", TRUST, "Divisional general manager, medicine", "manager", 4,
      "neutral", 4, "budget holder",
      "Holds the outpatient budget; rarely comes to network meetings.")
    A("pryce", "Dr Jonathan Pryce-Edwards", "HC", TRUST, "Medical director", "doctor", 5,
      "unknown", 5, "executive",
      "Not yet engaged; job-plan changes for the community clinics need his sign-off.")

    # -- community health --
    O("comm", COMM, "CH", "Community trust: district nursing, podiatry, community diabetes", 5,
      "neutral", 3, "community trust", "Contract for community diabetes nursing ends next March.")
    A("marsden", "Gillian Marsden", "CH", COMM, "Long-term conditions service manager", "manager", 3,
      "neutral", 3, "service manager",
      "Manages community diabetes, podiatry and district nursing.")
    A("sharma", "Anita Sharma", "CH", COMM, "Community diabetes specialist nurse", "nurse", 2,
      "champion", 4, "insulin,community clinic",
      "Former hospital DSN; still goes to the hospital team's Friday meeting.", pull="HC")
    A("ashton", "Julie Ashton", "CH", COMM, "District nursing team leader", "nurse", 3,
      "sceptic", 3, "housebound",
      "District nurses do most housebound insulin visits; the team is stretched and wary of new pathways.")
    A("bakare", "Oluwaseun Bakare", "CH", COMM, "District nurse", "nurse", 1,
      "neutral", 2, "housebound",
      "Visits housebound patients on insulin twice a day.")
    A("kerr", "Sandra Kerr", "CH", COMM, "Community matron", "nurse", 3,
      "supporter", 3, "frailty",
      "Case-manages frail people with diabetes; attends Millbrook's housebound MDT.")
    A("murphy", "Declan Murphy", "CH", COMM, "Community podiatry lead", "ahp", 3,
      "supporter", 3, "foot protection",
      "Runs the foot protection service; waiting list of 14 weeks.")
    A("pod2", "Hannah Lister", "CH", COMM, "Podiatrist", "ahp", 1,
      "unknown", 1, "foot protection",
      "Not yet met.")
    A("moira", "Moira Sinclair", "CH", COMM, "Community dietitian", "ahp", 2,
      "neutral", 2, "dietetics",
      "Covers weight management and diabetes across Eastvale.")

    # -- mental health --
    O("mht", TT, "MH", "NHS talking therapies service (Moorside Mental Health NHS Foundation Trust)", 3,
      "neutral", 2, "talking therapies",
      "Has a long-term-conditions pathway that practices do not know about.", kind="team")
    A("hughes", "Dr Eleanor Hughes", "MH", TT, "Clinical psychologist, long-term conditions", "other", 3,
      "champion", 3, "diabetes distress",
      "Offers diabetes-distress sessions; the only referral route in is from Dr Marsh's clinic.")
    A("abbott", "Tom Abbott", "MH", TT, "Psychological wellbeing practitioner", "other", 1,
      "neutral", 1, "low intensity",
      "Runs guided self-help groups.")
    A("oyelaran", "Janet Oyelaran", "MH", TT, "Talking therapies service manager", "manager", 3,
      "neutral", 2, "service manager",
      "Measured on recovery rates; wary of complex referrals.")
    A("boateng", "Dr Kofi Boateng", "MH", "Moorside Mental Health NHS Foundation Trust",
      "Consultant liaison psychiatrist", "doctor", 4,
      "supporter", 3, "liaison,eating disorders",
      "Sees inpatients with type 1 and disordered eating.")

    # -- voluntary & community sector --
    O("charity", CHARITY, "VCS", "Local diabetes charity: structured education, groups, walking", 3,
      "champion", 3, "charity",
      "Delivers the type 2 structured education course under an ICB contract.")
    A("oduya", "Margaret Oduya", "VCS", CHARITY, "Chief executive", "manager", 4,
      "champion", 4, "leadership",
      "Well connected with commissioners; wants the charity in the new pathway.")
    A("bilal", "Bilal Chaudhry", "VCS", CHARITY, "Community engagement worker", "other", 1,
      "champion", 4, "faith groups,community engagement",
      "Runs sessions in mosques and gurdwaras; trusted by families who never come to clinic.")
    A("educ", "Lindiwe Dube", "VCS", CHARITY, "Structured education coordinator (dietitian)", "ahp", 2,
      "supporter", 3, "structured education",
      "Course attendance is about 30% of referrals; wants referrals made in person.")
    A("walk", "Colin Ramsbottom", "VCS", CHARITY, "Volunteer walking-group organiser", "other", 1,
      "supporter", 2, "volunteer,physical activity",
      "Retired postman with type 2; runs three walks a week.")
    A("ruth", "Ruth Abernethy", "VCS", "Eastvale Food Partnership", "Food partnership coordinator", "other", 2,
      "neutral", 2, "food insecurity",
      "Runs cooking-on-a-budget sessions; interested in diabetes-friendly food parcels.")

    # -- public health --
    O("ph_org", PH, "PH", "Council public health team", 4, "supporter", 3, "council",
      "Commissions NHS Health Checks and healthy-lifestyle services.")
    A("siddiqui", "Dr Imran Siddiqui", "PH", PH, "Consultant in public health", "doctor", 4,
      "supporter", 3, "prevention",
      "Leads on the council's healthy weight strategy.")
    A("booth", "Leanne Booth", "PH", PH, "Health improvement practitioner (healthy weight, diabetes prevention)",
      "other", 2, "champion", 3, "prevention",
      "Runs the local diabetes prevention offer; few referrals from practices.")
    A("chen", "Chen Wei", "PH", PH, "Public health analyst", "other", 2,
      "neutral", 2, "data",
      "Produced the diabetes prevalence and deprivation map; it rarely reaches practices.")
    A("marchetti", "Ellie Marchetti", "PH", PH, "NHS Health Checks programme officer", "other", 2,
      "supporter", 2, "health checks",
      "Manages the Health Checks contracts; many people with raised HbA1c are never followed up.")

    # -- commissioning --
    O("icb", ICB, "ICB", "Integrated care board", 5, "supporter", 5, "ICB",
      "Diabetes is one of the board's five long-term-condition priorities this year.")
    A("holmes", "Victoria Holmes", "ICB", ICB, "Head of long-term conditions commissioning", "commissioner", 4,
      "supporter", 4, "commissioning",
      "Needs a business case by the spring planning round.")
    A("okonkwo", "Daniel Okonkwo", "ICB", ICB, "Commissioning manager, diabetes", "commissioner", 3,
      "champion", 3, "commissioning,network board",
      "Organises the network board; does most of the legwork.")
    A("crowther", "Philippa Crowther-Hayes", "ICB", ICB, "Director of strategy", "commissioner", 5,
      "unknown", 5, "executive",
      "Sets the ICB's priorities; has not been briefed on the pathway.")

    # -- patients & carers --
    V("dsg", "Eastvale Diabetes Support Group", "Eastvale Diabetes Support Group",
      "Monthly type 2 support group (about 40 members)", 1, "supporter", 2, "peer support",
      "Meets in the library; keen on evening clinics.")
    V("t1g", "Northmoor Type 1 Peer Group", "Northmoor Type 1 Peer Group",
      "Peer group for young adults with type 1", 1, "supporter", 2, "peer support,type 1",
      "About 25 members; WhatsApp group and a monthly meet-up.")
    V("derek", "Derek Sutcliffe", "Eastvale Diabetes Support Group",
      "Patient representative (type 2) on the network board", 1, "sceptic", 3, "patient rep",
      "Worries 'digital first' leaves older patients behind.")
    V("yasmin", "Yasmin Farah", "Northmoor Type 1 Peer Group",
      "Parent carer of a teenager with type 1", 1, "supporter", 2, "carer,transition",
      "Wants a better handover from children's to adult services.")
    V("winston", "Winston Campbell", "Eastvale Diabetes Support Group",
      "Peer supporter, Caribbean community", 1, "champion", 3, "peer support",
      "Runs a men's health session at his church.")
    V("agnieszka", "Agnieszka Nowak", "Northmoor Type 1 Peer Group",
      "Young adult with type 1", 1, "unknown", 1, "type 1",
      "Joined the peer group last year.")

    # -- education & research --
    A("mehta", "Prof. Anil Mehta", "EDU", "University of Northmoor", "Professor of diabetes epidemiology",
      "doctor", 5, "neutral", 3, "research",
      "Interested in evaluating the pathway; only contact is through Dr Marsh.")
    A("kelly", "Dr Siobhán Kelly", "EDU", "University of Northmoor", "Senior lecturer in nursing (diabetes)",
      "nurse", 3, "supporter", 2, "education",
      "Teaches the practice nurses' diabetes module.")

    m.ties_from("""
    # practices
    riv_gp riv_pn C5
    riv_gp riv_pm L4 | Partner responsible for the practice manager
    riv_pn riv_pm C3
    cas_gpsi cas_gp2 C4
    cas_gpsi cas_pn C4
    cas_gpsi cas_pm C3
    cas_gp2 cas_pm L4
    cas_gp2 cas_pn C3
    cas_pn cas_pm C2
    mil_gp mil_gp2 C3
    mil_gp mil_pn C4
    mil_gp2 mil_pm L4
    mil_gp2 mil_pn C3
    mil_pn mil_pm C2
    mil_gp mil_pm X2 | Disagree over protected time for diabetes reviews
    hol_gp hol_pn C4
    hol_gp hol_hca L3
    hol_pn hol_hca C4
    ash_gp ash_pn C3
    ash_gp ash_pm L4
    ash_pn ash_pm C2
    # primary care network
    pcn pcn_cd C5
    pcn_cd riv_gp C4
    pcn_cd cas_gp2 C3
    pcn_cd mil_gp2 C3
    pcn_cd hol_gp C3
    pcn_cd ash_gp C4
    pcn_cd pcn_pharm L4
    pcn_cd pcn_slw L3
    pcn_pharm riv_gp I4
    pcn_pharm cas_pn I3
    pcn_pharm mil_gp I3
    pcn_pharm hol_pn I4
    pcn_pharm ash_gp I3
    pcn_pharm cp1 I3?
    pcn_pharm riv_pn I5 | Joint insulin-start clinic on Tuesdays
    pcn_pharm sharma I3?
    riv_pn cas_pn I4
    riv_pn mil_pn I4
    riv_pn hol_pn I3
    riv_pn ash_pn I2?
    riv_pn sharma I4 | Calls her for advice on insulin titration
    riv_pn educ R3 | Refers newly diagnosed patients to structured education
    ash_pn educ R2?
    hol_pn educ R3
    riv_pn booth R2
    mil_pn booth R2?
    mil_gp pcn_slw R3
    ash_gp pcn_slw R3
    riv_gp pcn_slw R2
    pcn_slw charity R4
    pcn_slw walk R3
    pcn_slw bilal I4
    pcn_slw booth C3
    # community pharmacy and the LMC
    cp1 cp2 I3
    cp2 mil_gp R2
    cp2 hol_gp R2?
    cp1 riv_gp R2
    kirby cas_gp2 I4
    kirby mil_pm I3
    kirby pcn_cd C3
    kirby holmes C2 | Quarterly LMC liaison meeting
    # Dr Patel, the GP who also works in the hospital clinic
    cas_gpsi marsh C5 | Runs the Thursday community clinic under her supervision
    cas_gpsi flynn I4
    cas_gpsi tran I3
    cas_gpsi rahman C3
    cas_gpsi riv_gp I4
    cas_gpsi mil_gp I3
    cas_gpsi ash_gp I3
    cas_gpsi hol_pn I3?
    cas_gpsi okonkwo C3
    cas_gpsi llew X3 | Disagree over moving follow-up into community clinics
    # referrals out of general practice
    riv_gp marsh R3
    ash_gp marsh R2
    mil_gp cas_gpsi R3 | To his Thursday community clinic
    hol_gp llew R2
    cas_gp2 kowal R2 | Foot ulcer referrals
    hol_hca murphy R3
    cas_pn murphy R2
    # hospital diabetes centre
    trust pryce C3
    trust ashby C3
    pryce marsh L2 | Via the clinical director; job-plan sign-off
    ashby marsh C2?
    marsh osei C4
    marsh llew C3
    osei llew C3
    marsh rahman L3 | Educational supervisor
    marsh flynn C5
    flynn tran L4
    flynn reid L3
    flynn osei C3
    reid osei C4
    zainab goodwin L3
    zainab flynn C4
    zainab marsh C3
    kowal llew C4
    kowal grant C4
    grant llew C3
    tran zainab I3
    rahman tran I2
    # hospital and community
    sharma flynn I5 | Still goes to the Friday DSN meeting
    sharma tran C3
    kowal murphy R3
    murphy kowal R4 | Urgent foot pathway
    reid ashton R3 | Insulin visits after discharge
    moira zainab I2
    # community health
    comm marsden C3
    marsden ashton L3
    marsden sharma L3
    marsden murphy L3
    marsden moira L2
    ashton bakare L4
    murphy pod2 L4
    kerr ashton C4
    sharma kerr C3
    sharma bakare I3
    moira sharma C3
    bakare kerr I2
    kerr mil_gp C3 | Monthly housebound MDT at Millbrook
    ashton hol_gp C2
    sharma hol_pn I3
    moira educ I2? | The only working link between community services and the charity
    marsden okonkwo C3
    # talking therapies: reached only through the hospital
    mht oyelaran C4
    oyelaran abbott L4
    hughes oyelaran C3
    hughes abbott I3
    marsh hughes R3 | About two diabetes-distress referrals a month; practices have no route
    boateng osei C3 | Inpatient liaison
    boateng flynn I3 | Type 1 and disordered eating
    boateng hughes C3
    # charity
    charity oduya C5
    oduya bilal L4
    oduya educ L4
    educ walk C3
    bilal walk I3
    bilal educ C4
    ruth bilal I3
    ruth charity C3
    oduya holmes C3
    bilal winston I4
    bilal dsg I4
    educ dsg C3
    bilal mil_gp I3 | Co-run Urdu-language sessions at Millbrook
    oduya derek I2
    derek mil_pm C2 | Chairs Millbrook's patient participation group
    # public health
    ph_org siddiqui C4
    siddiqui booth L4
    siddiqui chen L3
    booth chen C3
    siddiqui marchetti L3
    marchetti cp1 C3 | Health Checks contract monitoring
    marchetti chen C3
    marchetti booth I3
    ph_org charity M3 | Healthy-lifestyle sessions, annual grant
    ph_org cp1 M3 | NHS Health Checks in pharmacy
    booth bilal C4
    booth walk I2
    chen okonkwo I2?
    siddiqui holmes C3
    # commissioning
    icb crowther C3
    crowther holmes L3
    holmes okonkwo L4
    icb trust M5 | Block contract including diabetes outpatients
    icb comm M5
    icb pcn M4 | Enhanced service for diabetes (local incentive scheme)
    icb mht M3
    holmes charity M4 | Structured education contract, renewed annually
    okonkwo marsh C4 | Network board
    okonkwo pcn_cd C3
    okonkwo derek C3
    okonkwo mil_pm X3 | Dispute over last year's enhanced-service payments
    # patients, carers and peer groups
    dsg winston C4
    dsg derek C3
    derek marsh C3 | Both sit on the network board
    t1g flynn C5 | She set the group up and still books the room
    agnieszka t1g C4
    agnieszka flynn I3
    yasmin t1g C3
    yasmin flynn I4
    # education and research
    mehta marsh C3 | Joint research bid on type 2 remission
    kelly flynn C3
    kelly riv_pn I3 | Teaches the practice nurse module
    """)
    m.sprinkle(["riv_gp", "riv_pn", "riv_pm", "cas_gpsi", "cas_gp2", "cas_pn", "cas_pm", "mil_gp",
                "mil_gp2", "mil_pn", "hol_gp", "hol_pn", "hol_hca", "ash_gp", "ash_pn", "pcn_cd",
                "pcn_pharm", "pcn_slw", "cp1", "cp2"], 18)
    m.sprinkle(["marsh", "osei", "llew", "rahman", "flynn", "tran", "reid", "zainab", "goodwin",
                "kowal", "grant"], 12)
    m.sprinkle(["marsden", "sharma", "ashton", "bakare", "kerr", "murphy", "pod2", "moira"], 5)
    m.sprinkle(["oduya", "bilal", "educ", "walk", "ruth"], 2)

    m.circle_order = ["primary care", "hospital care", "education & research", "mental health",
                      "community health", "commissioning (ICB)", "public health",
                      "voluntary & community sector", "patients & carers"]
    m.expect["heroes"] = [("flynn", ["t1g", "agnieszka", "yasmin"])]
    m.expect["bridges"] = ["cas_gpsi", "sharma"]
    m.expect["hidden"] = ["riv_pn", "pcn_pharm", "bilal"]
    m.expect["peripheral"] = ["pryce", "crowther", "mehta", "ashby"]
    m.expect["thin"] = [("primary care", "mental health", 0),
                        ("hospital care", "public health", 0),
                        ("community health", "voluntary & community sector", 1)]
    m.expect["size"] = (60, 85)
    return m


# ===========================================================================
# 2. An integrated frailty / hospital discharge system
# ===========================================================================

def frailty_discharge():
    m = MapBuilder(
        "frailty_discharge.json",
        "Calderbrook frailty and discharge system",
        "A fictional integrated frailty and hospital discharge system in the invented "
        "city of Calderbrook and the Wyvern valley: the acute trust's frailty unit and "
        "discharge hub, council adult social care and brokerage, community health "
        "(intermediate care, rapid response, district nursing), care homes and home "
        "care, a 'home from hospital' charity and befriending scheme, general practice, "
        "the ICB, the council, carers and patients. Drawn for a 'home first' discharge "
        "programme. Every person and organisation is invented; any resemblance to real "
        "people or bodies is coincidence.",
        seed=20261123,
        extra_sectors=[("CARE", "care homes & home care")],
    )
    A, O, V = m.actor, m.org, m.voice
    TRUST = "Calderbrook and Wyvern Hospitals NHS Trust"
    ASC = "Calderbrook City Council Adult Social Care"
    COMM = "Wyvern Community Health NHS Trust"
    ASSOC = "Calderbrook Care Association"
    CANAL = "Canal Street Surgery"
    PCN = "Calderbrook South Primary Care Network"
    AGE = "Calderbrook Age Together"
    ICB = "Calderbrook and Wyvern ICB"
    COUNCIL = "Calderbrook City Council"

    # -- hospital care --
    O("h_trust", TRUST, "HC", "Acute trust (Calderbrook Royal Infirmary)", 5, "neutral", 4, "acute trust",
      "Running at 97% bed occupancy; about 80 patients a day medically fit but still in hospital.")
    A("h_coo", "Richard Ainsworth", "HC", TRUST, "Chief operating officer", "manager", 5,
      "sceptic", 5, "executive,flow",
      "Focused on the four-hour target; sees delayed discharge as social care's problem. Rarely meets the programme.")
    A("h_geri1", "Dr Ngozi Obi", "HC", TRUST, "Consultant geriatrician, clinical lead for frailty", "doctor", 4,
      "champion", 5, "clinical lead,frailty",
      "Clinical lead of the home-first programme; respected across the trust.")
    A("h_geri2", "Dr Alasdair Fraser", "HC", TRUST, "Consultant geriatrician (orthogeriatrics)", "doctor", 4,
      "supporter", 3, "orthogeriatrics",
      "Runs the hip-fracture ward round.")
    A("h_geri3", "Dr Ioana Popescu", "HC", TRUST,
      "Consultant geriatrician, split post with intermediate care", "doctor", 4,
      "champion", 4, "intermediate care,split post",
      "Half her week is at Larchwood and on the rapid response line; the main clinical link to community services.",
      pull="CH")
    A("h_acute", "Dr Hamza Qureshi", "HC", TRUST, "Consultant in acute medicine", "doctor", 4,
      "sceptic", 3, "acute medicine",
      "Wants beds freed but unconvinced by discharge to assess.")
    A("h_reg", "Dr Emily Chan", "HC", TRUST, "Specialty registrar, geriatric medicine", "doctor", 2,
      "supporter", 2, "trainee",
      "Auditing reasons for delayed discharge on Ward 7.")
    A("h_pall", "Dr Ruth Abrahams", "HC", TRUST, "Consultant in palliative medicine", "doctor", 4,
      "neutral", 2, "end of life",
      "Fast-track discharges for end-of-life care often stall on packages.")
    A("h_matron", "Louise Dawson", "HC", TRUST, "Matron for older people's medicine", "nurse", 3,
      "supporter", 4, "nursing leadership",
      "Manages the ward sisters; pragmatic.")
    A("h_sis1", "Alison Hardcastle", "HC", TRUST, "Ward sister, Ward 7 (frailty unit)", "nurse", 2,
      "supporter", 3, "ward leadership",
      "Runs the daily board round on the frailty unit.")
    A("h_sis2", "Femi Adebayo", "HC", TRUST, "Ward sister, Ward 12 (orthogeriatrics)", "nurse", 2,
      "neutral", 3, "ward leadership",
      "Ward 12 has the longest stays in the hospital.")
    A("h_sis3", "Caroline Jessop", "HC", TRUST, "Ward sister, acute medical unit", "nurse", 2,
      "sceptic", 3, "ward leadership",
      "Sceptical that the unit can start discharge planning on day one.")
    A("h_clerk", "Janice Oakley", "HC", TRUST, "Ward clerk, Ward 7", "other", 1,
      "supporter", 4, "ward administration",
      "Chases every prescription, transport booking and package start; knows who to ring for anything.")
    A("h_dc1", "Theresa Quinn", "HC", TRUST,
      "Senior discharge coordinator (formerly a council social care assessor)", "social_worker", 2,
      "champion", 5, "discharge,social care background",
      "Knows the social work and brokerage teams from her council years; problems get solved by phone.",
      pull="SC")
    A("h_dc2", "Mohammed Iqbal", "HC", TRUST, "Discharge coordinator", "nurse", 2,
      "supporter", 3, "discharge",
      "Covers the orthogeriatric and stroke wards.")
    A("h_dc3", "Gemma Rowley", "HC", TRUST, "Discharge coordinator", "nurse", 1,
      "neutral", 2, "discharge",
      "Covers the acute medical unit; six months in post.")
    O("h_hub", "Integrated discharge hub", "HC",
      "Transfer-of-care hub: hospital, social care and community staff", 3, "supporter", 4,
      "discharge hub",
      "Social care and community staff are meant to sit in the hub; often they do not.",
      kind="team", organisation=TRUST)
    A("h_bed1", "Sue Pennington", "HC", TRUST, "Site and bed manager", "nurse", 3,
      "neutral", 4, "flow",
      "Runs the 8 a.m. and 4 p.m. bed meetings.")
    A("h_bed2", "Craig Dunn", "HC", TRUST, "Bed manager (nights)", "nurse", 2,
      "unknown", 2, "flow",
      "Not yet met.")
    A("h_pt1", "Rebecca Lamb", "HC", TRUST, "Lead physiotherapist, older people", "ahp", 3,
      "supporter", 3, "therapy",
      "Wants therapy assessments at home, not on the ward.")
    A("h_pt2", "Dylan Evans", "HC", TRUST, "Physiotherapist", "ahp", 1,
      "neutral", 2, "therapy",
      "Rotational band 5 post.")
    A("h_ot1", "Shreya Nair", "HC", TRUST, "Occupational therapist, frailty unit", "ahp", 2,
      "champion", 3, "home first",
      "Pushes for home assessments within 24 hours of discharge.")
    A("h_ot2", "Kasia Wiśniewska", "HC", TRUST, "Occupational therapist", "ahp", 1,
      "unknown", 1, "therapy",
      "New to the team.")
    A("h_pharm", "Tariq Mahmood", "HC", TRUST, "Ward pharmacist", "pharmacist", 2,
      "neutral", 2, "medicines",
      "Take-home medicines are a common cause of late-afternoon discharges.")
    A("h_transport", "Nigel Barraclough", "HC", TRUST, "Patient transport planner", "other", 1,
      "neutral", 2, "transport",
      "Transport has to be booked by 11 a.m. for same-day discharge.")

    # -- social care --
    O("s_org", ASC, "SC", "Council adult social care", 5, "neutral", 4, "council",
      "Overspent on home care; under pressure to cut long-term placements.")
    A("s_dass", "Angela Whitmore", "SC", ASC, "Director of adult social services", "manager", 5,
      "supporter", 5, "executive",
      "Co-chairs the place board with the ICB; backs home first publicly.")
    A("s_head", "Paul Stringer", "SC", ASC, "Head of hospital and reablement social work", "social_worker", 4,
      "neutral", 4, "social work",
      "Cautious about assessments done by hospital staff.")
    A("s_tm1", "Claire Ambrose", "SC", ASC, "Team manager, hospital social work team", "social_worker", 3,
      "sceptic", 3, "social work",
      "Feels her team is blamed for every delay.")
    A("s_sw1", "Adebola Ogunleye", "SC", ASC, "Social worker, hospital team", "social_worker", 2,
      "supporter", 3, "social work",
      "Worked with Theresa Quinn for six years at the council.")
    A("s_sw2", "Hannah Cartwright", "SC", ASC, "Social worker, hospital team", "social_worker", 2,
      "neutral", 2, "social work",
      "Covers the orthogeriatric wards.")
    A("s_sw3", "Rhys Morgan", "SC", ASC, "Social worker, hospital team", "social_worker", 2,
      "unknown", 2, "social work",
      "Agency social worker; contract ends in March.")
    A("s_swa", "Parveen Akhtar", "SC", ASC, "Social work assistant", "other", 1,
      "supporter", 2, "social work",
      "Takes the hospital's calls to the social work office.")
    A("s_tm2", "Graham Foulds", "SC", ASC, "Team manager, community social work (north)", "social_worker", 3,
      "neutral", 2, "social work",
      "Reviews people after discharge; rarely sees the hospital team.")
    A("s_sw5", "Aoife Brennan", "SC", ASC, "Social worker, community team", "social_worker", 2,
      "supporter", 2, "social work",
      "Works closely with the frailty matron.")
    A("s_safe", "Mandeep Sandhu", "SC", ASC, "Adult safeguarding lead", "social_worker", 3,
      "neutral", 2, "safeguarding",
      "Raises concerns about unsafe discharges at night.")
    A("s_ot", "Sophie Lam", "SC", ASC, "Council occupational therapist (equipment and adaptations)", "ahp", 2,
      "supporter", 2, "equipment",
      "Equipment deliveries take up to five days.")
    O("s_brok", "Brokerage team", "SC", "Sources home care and care home placements", 2, "neutral", 4,
      "brokerage", "Publishes a daily list of packages waiting.", kind="team", organisation=ASC)
    A("s_brok_mgr", "Denise Whitlock", "SC", ASC, "Brokerage manager", "manager", 3,
      "neutral", 3, "brokerage",
      "Manages the provider framework day to day.")
    A("s_tendai", "Tendai Chikwanha", "SC", ASC, "Brokerage officer", "other", 1,
      "champion", 4, "brokerage,provider relationships",
      "Knows every care home manager and home care coordinator by name; finds packages others cannot.")
    A("s_brok2", "Liam Pearce", "SC", ASC, "Brokerage officer", "other", 1,
      "neutral", 2, "brokerage",
      "Works mostly from the provider portal.")
    A("s_reab", "Joanne Beaumont", "SC", ASC, "Reablement service manager", "manager", 3,
      "supporter", 3, "reablement",
      "In-house reablement; capacity for about 60 people at a time.")
    A("s_reab2", "Marcia Walcott", "SC", ASC, "Reablement team leader", "other", 2,
      "supporter", 2, "reablement",
      "Leads the reablement support workers in the north of the city.")

    # -- community health --
    O("c_org", COMM, "CH", "Community trust: intermediate care, rapid response, district nursing", 5,
      "supporter", 3, "community trust", "New chief executive keen on integration.")
    A("c_icmgr", "Fiona McAllister", "CH", COMM, "Intermediate care service manager", "manager", 3,
      "supporter", 3, "intermediate care",
      "Manages Larchwood and the home-based intermediate care team.")
    O("c_icu", "Larchwood Intermediate Care Unit", "CH", "20-bed step-down unit", 3, "supporter", 3,
      "intermediate care", "Often full; average stay 24 days against a 14-day target.",
      kind="team", organisation=COMM)
    A("c_icnurse", "Patience Adjei", "CH", COMM, "Ward manager, Larchwood", "nurse", 2,
      "supporter", 3, "intermediate care",
      "Accepts step-down referrals; wants earlier notice from the hospital.")
    A("c_ict", "Owain Pritchard", "CH", COMM, "Intermediate care physiotherapist", "ahp", 2,
      "champion", 3, "rehabilitation",
      "Runs the Larchwood rehab gym and a home exercise group.")
    O("c_rr_team", "Rapid Community Response", "CH", "Two-hour urgent community response team", 2,
      "supporter", 3, "rapid response", "Takes referrals from GPs, ambulance crews and care homes.",
      kind="team", organisation=COMM)
    A("c_rr_lead", "Nadia Haddad", "CH", COMM, "Rapid response team lead", "nurse", 3,
      "champion", 4, "admission avoidance",
      "Keeps people out of hospital; wants the ambulance service to call her first.")
    A("c_rr", "Joel Barker", "CH", COMM, "Rapid response nurse", "nurse", 1,
      "supporter", 2, "admission avoidance",
      "Does most of the weekend visits.")
    A("c_dn_lead", "Lorraine Hepworth", "CH", COMM, "District nursing team leader (north)", "nurse", 3,
      "sceptic", 3, "district nursing",
      "Caseload up a third in two years; discharges arrive without notice.")
    A("c_dn", "Blessing Okoro", "CH", COMM, "District nurse", "nurse", 1,
      "neutral", 2, "district nursing",
      "Covers the Canal Street patch.")
    A("c_dn2", "Martin Sykes", "CH", COMM, "District nurse (south)", "nurse", 1,
      "unknown", 1, "district nursing",
      "Not yet met.")
    A("c_matron", "Catherine Doherty", "CH", COMM, "Community matron, frailty", "nurse", 3,
      "supporter", 4, "frailty,MDT",
      "The only regular link into Wyvern Valley Surgery; runs the frailty MDTs.")
    A("c_chn", "Precious Moyo", "CH", COMM, "Care home support nurse", "nurse", 2,
      "champion", 3, "care homes",
      "Trains care home staff in spotting deterioration.")
    A("c_ot", "Stefan Novak", "CH", COMM, "Community occupational therapist", "ahp", 2,
      "neutral", 2, "equipment",
      "Works between Larchwood and people's homes.")

    # -- care homes & home care --
    O("ch_assoc", ASSOC, "CARE", "Association of local care home and home care providers", 3,
      "neutral", 3, "providers", "Speaks for about 40 providers in fee negotiations.")
    A("ch_ta", "Kiran Dhillon", "CARE", ASSOC, "Trusted assessor (assesses on the wards for care homes)", "nurse", 2,
      "champion", 4, "trusted assessor",
      "Assesses patients on the wards on behalf of member homes; some homes will not accept her assessments.",
      pull="HC")
    A("ch_beech_mgr", "Lesley Armitage", "CARE", "Beech Lodge Care Home", "Registered manager", "manager", 3,
      "supporter", 3, "care home",
      "Would take more discharges with better information.")
    A("ch_beech_own", "Vikram Batra", "CARE", "Beech Lodge Care Home", "Owner (three homes)", "manager", 4,
      "opposed", 4, "owner,fees",
      "Refuses trusted-assessor assessments; in dispute with the council about the fee uplift.")
    A("ch_hill", "Esther Bamidele", "CARE", "Hillview Nursing Home", "Registered manager and clinical lead", "nurse", 3,
      "supporter", 3, "nursing home",
      "Takes complex discharges; good relationship with the care home GP.")
    A("ch_laurels", "Trevor Hodgkinson", "CARE", "The Laurels Residential Home", "Registered manager", "manager", 3,
      "sceptic", 2, "care home",
      "Had two readmissions within a week of Friday discharges.")
    A("ch_oak", "Rosa Fernandes", "CARE", "Oakfield House", "Manager, dementia nursing home", "nurse", 3,
      "neutral", 2, "dementia care",
      "Long waiting list; rarely able to take discharges quickly.")
    A("ch_hc_mgr", "Danielle Fox", "CARE", "Brightwater Home Care", "Registered manager", "manager", 3,
      "supporter", 3, "home care",
      "Can restart packages within 24 hours if told early.")
    A("ch_hc_own", "Gordon Maxwell", "CARE", "Brightwater Home Care", "Director", "manager", 4,
      "sceptic", 3, "home care,workforce",
      "Cannot recruit carers at the current hourly rate.")
    A("ch_acorn", "Abimbola Ajayi", "CARE", "Acorn Homecare", "Care coordinator", "other", 2,
      "neutral", 2, "home care",
      "Small agency covering the Wyvern valley.")

    # -- primary care --
    A("p_gp1", "Dr Harriet Lowry", "PC", CANAL, "GP partner and PCN frailty lead", "doctor", 3,
      "champion", 3, "frailty",
      "Runs a weekly frailty MDT with the community matron.")
    A("p_gp2", "Dr Sanjay Mistry", "PC", CANAL, "GP partner", "doctor", 3,
      "neutral", 2, "partner",
      "Hears about discharges from the letter, days later.")
    A("p_pm", "Barry Nuttall", "PC", CANAL, "Practice manager", "manager", 3,
      "neutral", 2, "operations",
      "Wants discharge summaries to arrive electronically and on time.")
    A("p_gp3", "Dr Bronwen Rees", "PC", "Wyvern Valley Surgery", "GP partner (rural practice)", "doctor", 3,
      "unknown", 2, "rural",
      "Single-site rural practice; not yet met.")
    A("p_pn3", "Maggie Thornton", "PC", "Wyvern Valley Surgery", "Practice nurse", "nurse", 1,
      "supporter", 2, "rural",
      "Knows the valley's housebound patients well.")
    A("p_pcncd", "Dr Yusuf Abdi", "PC", PCN, "PCN clinical director", "doctor", 4,
      "supporter", 3, "PCN,leadership",
      "Represents general practice on the urgent care board.")
    A("p_cc", "Jade Whittaker", "PC", PCN, "PCN care coordinator (frailty)", "other", 1,
      "champion", 3, "care coordination",
      "Phones patients after discharge to check they are managing.")
    A("p_pharm", "Li Na Zhang", "PC", PCN, "PCN pharmacist (care home medication reviews)", "pharmacist", 2,
      "supporter", 3, "medicines",
      "Reviews medicines for care home residents after discharge.")
    A("p_gpch", "Dr Marek Zieliński", "PC", PCN, "GP, care homes lead (enhanced health in care homes)", "doctor", 3,
      "supporter", 3, "care homes",
      "Does weekly ward rounds in three care homes.")

    # -- voluntary & community sector --
    O("v_org", AGE, "VCS", "Older people's charity", 3, "champion", 3, "charity",
      "Runs Home from Hospital, a handyperson service and an information line.")
    A("v_ceo", "Pauline Ridley", "VCS", AGE, "Chief executive", "manager", 4,
      "supporter", 3, "leadership",
      "Home from Hospital funding is non-recurrent and ends in March.")
    A("v_hfh", "Gloria Mensah", "VCS", AGE, "Home from Hospital coordinator", "other", 2,
      "champion", 4, "home from hospital,carers",
      "The carers' forum and the befriending scheme reach discharge planning only through her.")
    A("v_vol", "Brian Holroyd", "VCS", AGE, "Home from Hospital volunteer lead", "other", 1,
      "supporter", 2, "volunteers",
      "Organises 30 volunteer drivers and settlers.")
    A("v_handy", "Keith Norris", "VCS", AGE, "Safe at Home handyperson coordinator", "other", 1,
      "neutral", 2, "adaptations",
      "Fits grab rails and key safes, usually within two days.")
    O("v_bef", "Good Neighbours Calderbrook", "VCS", "Small befriending charity", 2, "supporter", 2,
      "befriending", "Volunteer-run; 60 befrienders.")
    A("v_bef_coord", "Ayesha Siddique", "VCS", "Good Neighbours Calderbrook", "Befriending coordinator", "other", 2,
      "supporter", 2, "befriending",
      "Matches befrienders to people living alone after discharge.")
    A("v_lunch", "Grace Oyelowo", "VCS", "St Aidan's Community Lunch Club", "Lunch club organiser", "other", 1,
      "unknown", 1, "community",
      "Weekly lunch for about 40 older people; not yet met.")

    # -- commissioning (ICB) --
    O("i_org", ICB, "ICB", "Integrated care board", 5, "supporter", 5, "ICB",
      "Holds the discharge fund jointly with the council.")
    A("i_dir", "Jonathan Meade", "ICB", ICB, "ICB director of place, Calderbrook", "commissioner", 5,
      "supporter", 4, "executive,place",
      "Co-chairs the place board; wants a single discharge service.")
    A("i_ucc", "Helen Ashcroft", "ICB", ICB, "Head of urgent and community care commissioning", "commissioner", 4,
      "champion", 4, "commissioning",
      "Sponsors the home-first programme.")
    A("i_mgr", "Kwabena Owusu", "ICB", ICB, "Commissioning manager, discharge fund", "commissioner", 3,
      "supporter", 3, "commissioning",
      "Allocates the discharge fund; short-term grants only.")
    A("i_cno", "Moira Campbell-Reid", "ICB", ICB, "Chief nursing officer", "nurse", 5,
      "unknown", 4, "executive,quality",
      "Quality and safety lead for the ICB; not yet involved in the programme.")
    A("i_prog", "Rachel Etherington", "ICB", ICB, "Discharge programme manager (joint ICB and council post)", "manager", 3,
      "champion", 4, "programme",
      "Runs the programme board and the weekly delays call.")

    # -- local government --
    O("l_org", COUNCIL, "LG", "City council", 5, "neutral", 4, "council",
      "Budget gap this year; adult social care is the largest spend.")
    A("l_cllr", "Cllr Margaret Holt", "LG", COUNCIL, "Cabinet member for adult social care", "other", 5,
      "sceptic", 4, "elected member",
      "Worried about the cost of discharge-to-assess beds; hears about the programme only through the director.")
    A("l_head", "Neil Brackenbury", "LG", COUNCIL, "Head of adult social care commissioning", "commissioner", 4,
      "neutral", 4, "commissioning,market",
      "Negotiates care home and home care fees.")
    A("l_officer", "Sana Malik", "LG", COUNCIL, "Commissioning officer, care homes market", "commissioner", 2,
      "supporter", 3, "commissioning",
      "Visits homes regularly; trusted by managers.")
    A("l_dfg", "Phil Braithwaite", "LG", COUNCIL, "Home adaptations officer (disabled facilities grants)", "other", 2,
      "neutral", 2, "adaptations,housing",
      "Adaptations take months; not linked to the discharge hub.")

    # -- patients & carers --
    V("pc_forum", "Calderbrook Carers' Forum", "Calderbrook Carers' Forum", "Carers' forum (about 80 members)", 1,
      "supporter", 2, "carers",
      "Members want to be told before discharge, not after.")
    V("pc_carer1", "Doreen Walsh", "Calderbrook Carers' Forum", "Carer for her husband, who has dementia", 1,
      "sceptic", 2, "carer,dementia",
      "Her husband was discharged at 11 p.m. without a care package.")
    V("pc_carer2", "Anil Gupta", "Calderbrook Carers' Forum", "Son and carer", 1,
      "unknown", 1, "carer",
      "Works full time; cares for his mother after her stroke.")
    V("pc_opf", "Calderbrook 50+ Forum", "Calderbrook 50+ Forum", "Older people's forum", 1,
      "supporter", 3, "older people",
      "Well organised; meets councillors twice a year.")
    V("pc_rep", "Frank Oyston", "Calderbrook 50+ Forum", "Patient representative on the discharge programme board", 1,
      "champion", 3, "patient rep",
      "Former patient of Ward 7; speaks plainly at the programme board.")
    V("pc_lived", "Edna Robinson", "Calderbrook 50+ Forum", "Former intermediate care patient", 1,
      "supporter", 1, "lived experience",
      "Tells her Larchwood story at staff induction.")

    m.ties_from("""
    # acute trust
    h_trust h_coo C3
    h_coo h_bed1 L3 | Via the deputy chief operating officer
    h_geri1 h_geri2 C4
    h_geri1 h_geri3 C5
    h_geri1 h_acute C3
    h_geri1 h_reg L3 | Educational supervisor
    h_geri1 h_matron C4
    h_geri1 h_sis1 C4
    h_geri1 h_hub C3
    h_geri1 i_ucc C4 | Clinical lead on the programme board
    h_geri1 h_pall I3
    h_geri2 h_sis2 C4 | Orthogeriatric ward round
    h_geri2 h_reg C3
    h_acute h_sis3 C4
    h_acute h_bed1 C4
    h_acute h_geri3 X2 | Disagree about keeping frail patients on the acute medical unit
    h_reg h_sis1 I3
    h_matron h_sis1 L4
    h_matron h_sis2 L4
    h_matron h_sis3 L4
    h_matron h_bed1 C3
    h_sis1 h_clerk L3
    h_clerk h_dc1 I5 | Sit next to each other on Ward 7
    h_clerk h_dc2 I4
    h_clerk h_transport I4 | Books transport and chases crews
    h_clerk h_pharm I4 | Chases take-home medicines
    h_clerk h_sis2 I3
    h_clerk h_pt1 I3
    h_clerk v_hfh I3
    h_clerk s_swa I3? | Rings the social work office directly
    h_clerk h_bed2 I3
    h_clerk c_rr I2?
    h_hub h_dc1 C5
    h_hub h_dc2 C4
    h_hub h_dc3 C4
    h_hub s_tm1 C3 | Social care staff meant to be in the hub
    h_hub c_icmgr C3
    h_dc1 h_dc2 L3
    h_dc1 h_dc3 L3
    h_dc1 s_sw1 I4 | Former colleagues
    h_dc1 s_tm1 C3
    h_dc1 s_brok_mgr I3
    h_dc1 s_tendai I5 | Daily call about packages of care
    h_dc1 ch_ta C4
    h_dc1 c_icnurse R3 | Step-down referrals to Larchwood
    h_dc1 v_hfh R4 | Home from Hospital referrals
    h_dc1 h_bed1 C3
    h_dc2 c_rr_lead R3?
    h_dc2 s_sw2 C2
    h_dc3 h_sis3 C3
    h_bed1 h_bed2 C3
    h_bed1 s_tm1 X4 | Daily argument about delayed discharges
    h_bed1 i_prog C2
    h_pt1 h_pt2 L4
    h_pt1 h_ot1 C4
    h_ot1 h_ot2 L3
    h_ot1 c_ot I4 | Home visits and equipment
    h_ot1 s_ot I3?
    h_ot1 v_handy R3 | Grab rails and key safes before discharge
    h_pt2 h_sis1 C3
    h_ot2 h_sis2 C2
    h_pharm h_sis1 C3
    h_pharm p_pharm I2? | Care home medication handover
    h_pall c_dn_lead I2
    h_pall h_sis1 C2
    # Dr Popescu, split between the hospital and intermediate care
    h_geri3 c_icmgr C4
    h_geri3 c_icnurse C4
    h_geri3 c_ict C3
    h_geri3 c_rr_lead C4 | Clinical support line for rapid response
    h_geri3 c_matron I3
    h_geri3 p_gp1 I3 | Monthly frailty clinic at Canal Street
    p_gp1 h_geri1 R3 | Advice and guidance
    # social care
    s_org s_dass C4
    s_dass s_head L4
    s_dass l_head L3
    s_dass l_cllr C3 | Briefs the cabinet member monthly
    s_dass i_dir C4 | Co-chairs of the place board
    s_head s_tm1 L4
    s_head s_tm2 L4
    s_head s_reab L3
    s_head s_safe L3
    s_head i_prog C3
    s_tm1 s_sw1 L4
    s_tm1 s_sw2 L4
    s_tm1 s_sw3 L4
    s_tm1 s_swa L3
    s_tm2 s_sw5 L4
    s_sw1 s_sw2 C3
    s_sw2 s_sw3 C3
    s_sw1 s_swa C3
    s_safe s_tm1 C3
    s_safe s_tm2 C2
    s_ot s_reab C4
    s_ot s_tm2 C2
    s_brok s_brok_mgr C5
    s_brok_mgr s_tendai L4
    s_brok_mgr s_brok2 L4
    s_tendai s_brok2 C4
    s_tm1 s_brok R3 | Requests for packages and placements
    s_sw1 s_tendai I4
    s_sw2 s_tendai I3
    s_reab s_reab2 L4
    s_reab s_tendai I3
    s_reab c_icmgr C3
    s_reab2 c_rr I2?
    s_sw5 c_dn_lead C2?
    s_sw5 c_matron I3
    s_tm2 c_matron C2
    s_sw3 h_sis2 C2
    s_swa h_sis1 I2
    s_sw1 h_sis1 C3
    # Tendai and the providers
    s_tendai ch_beech_mgr I4
    s_tendai ch_hill I4
    s_tendai ch_laurels I3
    s_tendai ch_oak I3
    s_tendai ch_hc_mgr I5 | Knows which rounds have capacity today
    s_tendai ch_acorn I4
    s_brok2 ch_hc_mgr C2
    s_brok2 ch_acorn C2
    l_head s_brok_mgr C3
    l_officer s_brok_mgr C3
    # community health
    c_org c_icmgr C3
    c_org c_rr_lead C2
    c_icmgr c_icu C5
    c_icmgr c_icnurse L4
    c_icmgr c_ict L3
    c_icnurse c_ict C4
    c_icu c_icnurse C4
    c_rr_team c_rr_lead C5
    c_rr_lead c_rr L4
    c_rr_lead c_dn_lead C3
    c_rr c_dn I3
    c_dn_lead c_dn L4
    c_dn_lead c_dn2 L4
    c_dn c_dn2 C3
    c_matron c_dn_lead C3
    c_matron c_rr_lead C4
    c_matron c_chn C3
    c_ot c_ict C3
    c_icmgr i_prog C3
    # community health and general practice
    c_matron p_gp1 C4 | Weekly frailty MDT
    c_matron p_gp3 C4 | The only regular link into Wyvern Valley Surgery
    c_matron p_pn3 I3
    c_matron p_cc C4
    p_gp2 c_dn R2
    p_gp1 c_rr_lead R3
    c_chn ch_hill C4
    c_chn ch_oak C3
    c_chn ch_beech_mgr C3
    c_chn p_gpch C4
    ch_laurels c_rr_lead R3? | Calls rapid response rather than 999, sometimes
    # care homes and home care
    ch_assoc ch_ta L3
    ch_assoc ch_beech_own C3
    ch_assoc ch_hill C3
    ch_assoc ch_hc_own C3
    ch_assoc l_head C3 | Fee negotiations
    ch_beech_own ch_beech_mgr L4
    ch_hc_own ch_hc_mgr L4
    ch_ta ch_hill C3
    ch_ta ch_laurels C2
    ch_ta ch_oak C3?
    ch_ta ch_beech_mgr I2
    ch_ta ch_beech_own X4 | Owner refuses to accept trusted assessments
    ch_ta h_dc2 C3
    ch_ta h_sis1 C3
    ch_ta h_ot1 I3
    ch_beech_own l_head X4 | Dispute over the fee uplift
    l_head ch_beech_own M3 | Block contract: six discharge-to-assess beds
    l_head ch_hc_own M4 | Home care framework contract
    l_officer ch_hill M3 | Spot purchase of nursing beds
    l_officer ch_acorn M3 | Rural home care contract
    l_officer ch_beech_mgr C2
    p_gpch ch_hill C4 | Weekly ward round
    p_gpch ch_oak C3
    p_gpch ch_beech_mgr C3
    p_pharm ch_hill I3
    p_pharm ch_laurels I2
    p_pharm p_gpch C3
    # general practice
    p_gp1 p_gp2 C4
    p_gp1 p_pm L3
    p_gp2 p_pm C3
    p_gp3 p_pn3 C5
    p_pcncd p_gp1 C4
    p_pcncd p_cc L3
    p_pcncd p_pharm L3
    p_pcncd p_gpch C3
    p_gp1 p_cc C4
    p_cc p_pharm I3
    p_pcncd i_ucc C3
    # voluntary sector
    v_org v_ceo C5
    v_ceo v_hfh L4
    v_hfh v_vol L3
    v_ceo v_handy L3
    v_ceo i_ucc C3
    i_mgr v_org M3 | Home from Hospital grant (annual, non-recurrent)
    v_ceo pc_opf C3
    v_handy l_dfg C3 | Adaptations referrals
    v_vol v_handy I2
    v_hfh h_sis1 C3
    # Gloria and the groups that reach the system only through her
    v_hfh pc_forum C4 | Invites carers to the monthly discharge experience meeting
    v_hfh v_bef_coord C4 | Passes people home from hospital on to befriending
    v_hfh pc_carer1 I3
    v_hfh v_lunch I2?
    v_bef v_bef_coord C5
    v_bef_coord v_lunch I3
    pc_forum pc_carer1 C4
    pc_forum pc_carer2 C3
    pc_carer2 v_bef I2?
    # commissioning
    i_org i_dir C4
    i_dir i_ucc L4
    i_ucc i_mgr L4
    i_ucc i_prog L3
    i_org i_cno C3
    i_cno h_matron I2?
    i_org h_trust M5 | Acute contract
    i_org c_org M5 | Community services contract
    i_mgr c_icu M3 | Discharge-to-assess step-down beds
    i_dir l_head C3 | Pooled budget (better care fund)
    i_prog l_head C3
    i_prog h_hub C4
    # council
    l_org l_cllr C3
    l_org l_head C3
    l_head l_officer L4
    l_dfg s_ot C3 | Adaptations
    l_officer l_dfg I2
    # patients and carers
    pc_opf pc_rep C3
    pc_rep i_prog C4 | Patient representative on the programme board
    pc_rep h_geri1 C2
    pc_lived c_ict I2 | Shares her story at staff induction
    pc_lived pc_opf I2
    """)
    m.sprinkle(["h_geri1", "h_geri2", "h_geri3", "h_acute", "h_reg", "h_pall", "h_matron", "h_sis1",
                "h_sis2", "h_sis3", "h_clerk", "h_dc1", "h_dc2", "h_dc3", "h_bed1", "h_bed2", "h_pt1",
                "h_pt2", "h_ot1", "h_ot2", "h_pharm", "h_transport"], 22)
    m.sprinkle(["s_head", "s_tm1", "s_sw1", "s_sw2", "s_sw3", "s_swa", "s_tm2", "s_sw5", "s_safe",
                "s_ot", "s_brok_mgr", "s_tendai", "s_brok2", "s_reab", "s_reab2"], 12)
    m.sprinkle(["c_icmgr", "c_icnurse", "c_ict", "c_rr_lead", "c_rr", "c_dn_lead", "c_dn", "c_dn2",
                "c_matron", "c_chn", "c_ot"], 8)
    m.sprinkle(["ch_beech_mgr", "ch_hill", "ch_laurels", "ch_oak", "ch_hc_mgr", "ch_acorn"], 4)
    m.sprinkle(["p_gp1", "p_gp2", "p_pm", "p_pcncd", "p_cc", "p_pharm", "p_gpch"], 3)

    m.circle_order = ["hospital care", "social care", "care homes & home care", "local government",
                      "commissioning (ICB)", "patients & carers", "voluntary & community sector",
                      "primary care", "community health"]
    m.expect["heroes"] = [("v_hfh", ["pc_forum", "pc_carer1", "pc_carer2", "v_bef", "v_bef_coord", "v_lunch"]),
                          ("c_matron", ["p_gp3", "p_pn3"])]
    m.expect["bridges"] = ["h_dc1", "h_geri3", "ch_ta", "s_tendai"]
    m.expect["hidden"] = ["h_clerk", "s_tendai"]
    m.expect["peripheral"] = ["h_coo", "l_cllr", "i_cno"]
    m.expect["thin"] = [("primary care", "social care", 0),
                        ("voluntary & community sector", "care homes & home care", 0),
                        ("hospital care", "local government", 0)]
    m.expect["size"] = (90, 110)
    return m


# ===========================================================================
# 3. A mental health crisis pathway
# ===========================================================================

def mental_health_crisis():
    m = MapBuilder(
        "mental_health_crisis.json",
        "Greystone mental health crisis pathway",
        "A fictional mental health crisis pathway in the invented city of Greystone: "
        "the crisis resolution and home treatment team, A&E and liaison psychiatry, "
        "police street triage, the ambulance service, approved mental health "
        "professionals, council housing options and a homelessness charity, general "
        "practice, a crisis café, a carers' group, people with lived experience, "
        "public health and the ICB. Drawn for a plan to offer alternatives to A&E "
        "for people in crisis. Every person and organisation is invented; any "
        "resemblance to real people or bodies is coincidence.",
        seed=20261124,
        extra_sectors=[("BLUE", "police & ambulance"), ("HOUS", "housing")],
    )
    A, O, V = m.actor, m.org, m.voice
    MHT = "Ashvale Partnership NHS Foundation Trust"
    ACUTE = "Greystone University Hospitals NHS Trust"
    POLICE = "Ashvale and Greystone Police"
    AMB = "Three Rivers Ambulance Service NHS Trust"
    HOUSING = "Greystone City Council Housing Options"
    OPEN = "Open Door Greystone"
    HARBOUR = "Harbour Wellbeing Trust"
    COUNCIL = "Greystone City Council"
    ICB = "Greystone and Ashvale ICB"

    # -- mental health --
    O("m_org", MHT, "MH", "Mental health trust", 5, "neutral", 4, "mental health trust",
      "Inpatient beds full most nights; people sent out of area.")
    A("m_md", "Dr Philip Carrington", "MH", MHT, "Medical director", "doctor", 5,
      "unknown", 5, "executive",
      "Not yet engaged with the crisis alternatives work.")
    A("m_ops", "Lynne Ormerod", "MH", MHT, "Service manager, acute and crisis care", "manager", 4,
      "supporter", 4, "service manager",
      "Owns the crisis pathway redesign inside the trust.")
    O("m_crht", "Crisis Resolution and Home Treatment Team", "MH", "24/7 crisis assessment and home treatment", 3,
      "supporter", 4, "crisis team", "Caseload about 45; target to see urgent referrals within 4 hours.",
      kind="team", organisation=MHT)
    A("m_crht_mgr", "Sarah-Jane Pollard", "MH", MHT, "Crisis team manager", "nurse", 3,
      "sceptic", 4, "crisis team",
      "Worried about caseload; resists direct referrals from police and the café.")
    A("m_crht_cons", "Dr Oluwafemi Adeleke", "MH", MHT, "Consultant psychiatrist, crisis team", "doctor", 4,
      "supporter", 3, "crisis team",
      "Trained with several local GPs; the one psychiatrist some of them ring.")
    A("m_crht_n1", "Gareth Pugh", "MH", MHT, "Crisis team nurse", "nurse", 2,
      "supporter", 2, "crisis team",
      "Night-shift lead.")
    A("m_crht_n2", "Aisha Begum", "MH", MHT, "Crisis team nurse and carers' lead", "nurse", 2,
      "champion", 3, "crisis team,carers",
      "Runs the crisis team's carers' drop-in.")
    A("m_crht_sw", "Nasra Warsame", "MH", MHT, "Crisis line support worker (nights)", "other", 1,
      "champion", 4, "crisis line,nights",
      "Answers the 24/7 line at night; police, paramedics and the café all ring her first.")
    O("m_spa", "Mental health single point of access", "MH", "Crisis line and referral hub", 2, "neutral", 3,
      "crisis line", "Answers within 5 minutes in the day, often 30 at night.",
      kind="team", organisation=MHT)
    A("m_lia_cons", "Dr Helena Voss", "MH", MHT, "Consultant liaison psychiatrist", "doctor", 4,
      "champion", 4, "liaison psychiatry",
      "Wants people assessed outside A&E wherever it is safe.")
    A("m_lia_n", "Connor McBride", "MH", MHT, "Liaison psychiatry nurse (A&E)", "nurse", 2,
      "supporter", 3, "liaison psychiatry",
      "Sees people in A&E; knows the A&E nurses well.")
    A("m_st", "Bethany Reyes", "MH", MHT, "Street triage mental health nurse (police control room)", "nurse", 2,
      "champion", 5, "street triage,police liaison",
      "Works from the police control room and the triage car; the main link between police and the crisis team.",
      pull="BLUE")
    A("m_peer_lead", "Jordan Ellis", "MH", MHT, "Peer support lead (lived experience)", "other", 2,
      "champion", 4, "peer support,lived experience",
      "Hosts the Lived Experience Network; its only seat at the table.")
    A("m_peer", "Chantelle Morris", "MH", MHT, "Peer support worker", "other", 1,
      "supporter", 2, "peer support",
      "Works alongside the crisis team on home visits.")
    A("m_hbpos", "Tomasz Kamiński", "MH", MHT, "Nurse in charge, section 136 suite", "nurse", 2,
      "neutral", 2, "place of safety",
      "The suite has two rooms; police wait with people when it is full.")

    # -- hospital care --
    O("a_org", ACUTE, "HC", "Acute trust (Greystone General A&E)", 5, "neutral", 4, "acute trust",
      "People in mental health crisis wait longest in A&E.")
    A("a_ed_lead", "Dr Meera Iyer", "HC", ACUTE, "Clinical director, emergency department", "doctor", 4,
      "sceptic", 4, "emergency medicine",
      "Supports alternatives in principle; worried about clinical risk.")
    A("a_ed_cons", "Dr Craig Whitworth", "HC", ACUTE, "Consultant in emergency medicine", "doctor", 4,
      "opposed", 4, "emergency medicine",
      "Opposes sending people from A&E to the crisis café; sees it as unsafe.")
    A("a_ed_nurse", "Dawn Fitzpatrick", "HC", ACUTE, "Nurse in charge, A&E (nights)", "nurse", 2,
      "supporter", 3, "emergency nursing",
      "Has seen people wait 20 hours for a mental health bed.")
    A("a_ed_mhlead", "Kelechi Nwankwo", "HC", ACUTE, "A&E mental health lead nurse", "nurse", 3,
      "champion", 3, "mental health in A&E",
      "Set up the A&E quiet room.")
    A("a_sec", "Lee Brannigan", "HC", ACUTE, "A&E security supervisor", "other", 1,
      "neutral", 2, "security",
      "Often the one sitting with distressed patients at 3 a.m.")

    # -- police & ambulance --
    O("p_org", POLICE, "BLUE", "Police force", 5, "neutral", 4, "police",
      "Moving towards attending mental health calls only where there is a risk to life or crime.")
    A("p_ch_supt", "Ch Supt Malcolm Devereux", "BLUE", POLICE, "District commander", "other", 5,
      "sceptic", 5, "executive",
      "Wants officers out of A&E; not engaged with the partnership work.")
    A("p_insp", "Insp. Rebecca Thorne", "BLUE", POLICE, "Inspector, mental health lead", "other", 3,
      "supporter", 4, "police,mental health",
      "Chairs the section 136 review group.")
    A("p_sgt", "Sgt Kirsty Lennox", "BLUE", POLICE, "Response sergeant", "other", 2,
      "sceptic", 3, "response policing",
      "Officers wait six hours or more in A&E with people detained under section 136.")
    A("p_st", "PC Daniel Adu", "BLUE", POLICE, "Street triage officer", "other", 1,
      "champion", 3, "street triage",
      "Crews the triage car with the mental health nurse.")
    A("p_control", "Wayne Hibbert", "BLUE", POLICE, "Force control room supervisor", "other", 2,
      "neutral", 2, "control room",
      "Decides which calls the triage car takes.")
    O("b_org", AMB, "BLUE", "Ambulance service", 5, "neutral", 3, "ambulance",
      "Mental health calls up a fifth in two years.")
    A("b_mhp", "Farah Qadir", "BLUE", AMB, "Mental health paramedic lead", "ahp", 3,
      "champion", 4, "paramedic,joint response",
      "Runs the joint response car on Friday and Saturday nights.")
    A("b_para", "Josh Kettlewell", "BLUE", AMB, "Paramedic", "ahp", 1,
      "neutral", 2, "paramedic",
      "Conveys to A&E when nothing else answers.")

    # -- housing --
    O("hs_org", HOUSING, "HOUS", "Council housing options and homelessness service", 4, "neutral", 3,
      "council housing", "Temporary accommodation full; uses bed and breakfasts.")
    A("hs_dir", "Geoffrey Palfrey", "HOUS", COUNCIL, "Director of housing", "manager", 5,
      "unknown", 4, "executive",
      "Not yet briefed; the homelessness strategy is being refreshed.")
    A("hs_mgr", "Barbara Leckie", "HOUS", HOUSING, "Housing options manager", "manager", 3,
      "sceptic", 3, "housing options",
      "Sceptical that health will help with people it discharges to no fixed abode.")
    A("hs_off", "Yusuf Mohamud", "HOUS", HOUSING, "Housing options officer", "other", 1,
      "supporter", 2, "housing options",
      "Takes emergency presentations, including people sent from A&E with nowhere to go.")
    O("hs_char", OPEN, "HOUS", "Homelessness charity: outreach and a 30-bed hostel", 3, "supporter", 3,
      "homelessness", "Outreach team works nights with rough sleepers.")
    A("hs_out", "Danny Whelan", "HOUS", OPEN, "Outreach worker", "other", 1,
      "champion", 4, "outreach",
      "Knows every rough sleeper in the city centre; works nights with the street triage officer.")
    A("hs_hostel", "Comfort Asamoah", "HOUS", OPEN, "Hostel manager, Fairfield House", "manager", 2,
      "supporter", 3, "hostel",
      "Residents in crisis get sent to A&E; she has no number for the crisis team.")

    # -- primary care --
    A("g_gp1", "Dr Alice Pemberton", "PC", "Northgate Medical Centre", "GP partner", "doctor", 3,
      "supporter", 3, "partner",
      "When the crisis line does not answer, she sends people to A&E.")
    A("g_pm", "Trevor Ashdown", "PC", "Northgate Medical Centre", "Practice manager", "manager", 3,
      "neutral", 2, "operations",
      "Reception staff field many crisis calls.")
    A("g_gp2", "Dr Kenji Watanabe", "PC", "Harbour Lane Surgery", "GP", "doctor", 3,
      "neutral", 2, "substance use",
      "Many patients with drug and alcohol problems.")
    A("g_gp3", "Dr Sunita Rao", "PC", "Greystone East Primary Care Network", "GP and PCN mental health lead", "doctor", 3,
      "champion", 3, "mental health lead",
      "Has no formal route to the crisis team; rings Dr Adeleke, whom she trained with.")
    A("g_mhp", "Maya Levy", "PC", "Greystone East Primary Care Network", "PCN mental health practitioner", "nurse", 2,
      "unknown", 2, "new role",
      "Started last month; not yet linked to the crisis team.")

    # -- voluntary & community sector --
    O("v_cafe", "The Lantern Crisis Café", "VCS", "Evening crisis café (6 p.m. to midnight)", 2, "champion", 3,
      "crisis café", "Opened a year ago; about 15 visitors a night.", organisation=HARBOUR)
    A("v_ceo", "Imogen Blackwood", "VCS", HARBOUR, "Chief executive", "manager", 4,
      "supporter", 3, "leadership",
      "The café's funding ends in 18 months.")
    A("v_cafe_mgr", "Rosie Tremayne", "VCS", HARBOUR, "Crisis café manager", "manager", 2,
      "champion", 3, "crisis café",
      "Wants direct referrals from police and paramedics.")
    A("v_night", "Shaun Maguire", "VCS", HARBOUR, "Night coordinator, crisis café (lived experience)", "other", 1,
      "champion", 5, "lived experience,nights",
      "Knows the outreach team, the triage car crew and the crisis line by first name; gets people seen.")
    A("v_line", "Pete Lawson", "VCS", "Talk It Through Greystone", "Volunteer listening line coordinator", "other", 2,
      "neutral", 2, "listening line",
      "Volunteer line open overnight; no agreed way to pass on people at risk.")
    A("v_drug", "Marcus Ndlovu", "VCS", "Clearway Recovery", "Drug and alcohol outreach worker", "other", 2,
      "supporter", 3, "substance use",
      "Many people in crisis also use drugs or alcohol; the crisis team often declines them.")

    # -- social care --
    A("s_amhp_lead", "Gillian Sowerby", "SC", "Greystone City Council", "Approved mental health professional service lead",
      "social_worker", 3, "neutral", 3, "AMHP",
      "Mental Health Act assessments are delayed by the lack of beds.")
    A("s_amhp", "Ravi Menon", "SC", "Greystone City Council", "Approved mental health professional", "social_worker", 2,
      "supporter", 2, "AMHP",
      "Often coordinates assessments in the section 136 suite.")
    A("s_amhp2", "Elin Roberts", "SC", "Greystone City Council", "Approved mental health professional", "social_worker", 2,
      "unknown", 2, "AMHP",
      "Not yet met.")

    # -- public health --
    A("ph_dir", "Dr Oyinda Bello", "PH", COUNCIL, "Director of public health", "doctor", 5,
      "supporter", 4, "executive,prevention",
      "Chairs the suicide prevention partnership.")
    A("ph_sp", "Kate Rushworth", "PH", COUNCIL, "Suicide prevention lead", "other", 3,
      "champion", 4, "suicide prevention,real-time surveillance",
      "Runs real-time surveillance with the police and the bereavement support offer.")
    A("ph_analyst", "Arjun Pillai", "PH", COUNCIL, "Public health analyst (real-time surveillance)", "other", 2,
      "neutral", 2, "data",
      "Receives police notifications of suspected suicides.")

    # -- commissioning --
    O("i_org", ICB, "ICB", "Integrated care board", 5, "supporter", 5, "ICB",
      "Crisis alternatives are in the ICB's mental health plan.")
    A("i_mh", "Diane Featherstone", "ICB", ICB, "Head of mental health commissioning", "commissioner", 4,
      "supporter", 4, "commissioning",
      "Holds the crisis alternatives fund.")
    A("i_mgr", "Tunde Oladipo", "ICB", ICB, "Commissioning manager, crisis and urgent mental health", "commissioner", 3,
      "champion", 3, "commissioning",
      "Runs the crisis concordat group.")

    # -- patients & carers --
    V("pc_carers", "Greystone Carers Circle", "Greystone Carers Circle", "Carers' group for families of people with mental illness", 1,
      "sceptic", 3, "carers",
      "Members feel shut out of crisis planning.")
    V("pc_carer", "Margaret Kinsella", "Greystone Carers Circle", "Mother and carer", 1,
      "opposed", 3, "carer",
      "Opposes closing the assessment ward; made a formal complaint about her son's discharge from home treatment.")
    V("pc_len", "Lived Experience Network", "Lived Experience Network", "Network of people with lived experience of crisis", 1,
      "champion", 2, "lived experience",
      "About 20 members; meets fortnightly at the trust.")
    V("pc_le1", "Tyrone Bailey", "Lived Experience Network", "Expert by experience", 1,
      "supporter", 2, "lived experience",
      "Co-delivers staff training on crisis care.")
    V("pc_le2", "Leah Goldberg", "Lived Experience Network", "Expert by experience", 1,
      "unknown", 1, "lived experience",
      "Joined the network this year.")
    V("pc_le3", "Ahmed Farouk", "Lived Experience Network", "Expert by experience (former rough sleeper)", 1,
      "supporter", 2, "lived experience,homelessness",
      "Volunteers at the café; has not yet come to a network meeting.")

    m.ties_from("""
    # mental health trust
    m_org m_md C3
    m_md m_crht_cons L2 | Medical line management via the clinical director
    m_org m_ops C3
    m_ops m_crht_mgr L4
    m_ops m_lia_cons C3
    m_ops m_spa C3
    m_ops m_peer_lead L3
    m_crht m_crht_mgr C5
    m_crht_mgr m_crht_n1 L4
    m_crht_mgr m_crht_n2 L4
    m_crht_mgr m_crht_sw L3
    m_crht_cons m_crht_mgr C4
    m_crht_cons m_crht_n1 C3
    m_crht_n1 m_crht_n2 C4
    m_crht_n2 m_crht_sw C4
    m_crht_sw m_spa C4
    m_spa m_crht R4 | Crisis line triage to home treatment
    m_lia_cons m_lia_n C4
    m_lia_n m_crht R4 | From A&E to home treatment
    m_lia_n m_crht_sw I4
    m_st m_crht_sw I5 | Night calls; the quickest route to a home visit
    m_st m_crht_n2 I3
    m_st m_lia_n C3
    m_peer_lead m_peer L4
    m_peer m_crht_n2 C3
    m_peer_lead m_crht_mgr C2
    m_hbpos m_crht_n1 C2
    m_hbpos m_lia_n C3
    # Jordan and the Lived Experience Network
    m_peer_lead pc_len C5 | Hosts the network; its only formal seat at the table
    m_peer_lead pc_le1 I3
    pc_len pc_le1 C4
    pc_len pc_le2 C4
    m_peer_lead pc_le2 I2?
    # A&E
    a_org a_ed_lead C3
    a_ed_lead a_ed_cons C3
    a_ed_lead a_ed_mhlead C4
    a_ed_cons a_ed_nurse C4
    a_ed_nurse a_ed_mhlead C4
    a_ed_nurse a_sec C4
    a_sec a_ed_cons I3
    a_ed_cons m_lia_cons X4 | Twelve-hour waits for mental health beds
    a_ed_mhlead m_lia_n C5
    a_ed_nurse m_lia_n C4
    a_ed_cons m_lia_n R3
    a_ed_lead m_lia_cons C3
    a_sec m_hbpos I2?
    # police and ambulance
    p_org p_ch_supt C3
    p_org p_insp C2 | The partnership's only route into police command
    p_ch_supt p_insp L3
    p_insp p_sgt L3
    p_sgt p_st L3
    p_insp p_control C3
    p_control p_st C4
    p_sgt p_control C3
    p_st m_st C5 | Same car, same shift
    p_insp m_st C4
    p_control m_st I4 | She sits in the control room 4 p.m. to midnight
    p_insp m_crht_mgr X3 | Section 136 handovers and police waiting times
    p_sgt a_ed_cons I3? | Officers waiting in A&E
    p_sgt a_sec C3
    b_org b_mhp C3
    b_mhp b_para C3
    b_mhp m_st C4 | Joint response car on Friday and Saturday nights
    b_mhp p_insp C3
    b_para p_sgt I2?
    b_para a_ed_nurse R3 | Conveyance to A&E
    b_mhp v_cafe_mgr R3 | Alternative to conveyance (pilot)
    b_mhp m_spa R3
    p_st v_night R3? | Brings people to the café instead of A&E
    p_st hs_out I3 | Know the same rough sleepers
    m_crht_sw p_control I3
    m_crht_sw b_mhp I3
    # housing: barely connected to health
    hs_org hs_dir C3
    hs_dir hs_mgr L3
    hs_org hs_mgr C4
    hs_mgr hs_off L4
    hs_char hs_hostel C5
    hs_char hs_out C4
    hs_hostel hs_out C4
    hs_off hs_out I3
    hs_off hs_hostel R4 | Emergency placements
    hs_org hs_char M4 | Outreach and hostel contract
    hs_mgr hs_out X2 | Priority-need decisions
    hs_out v_night I4
    hs_hostel v_drug C3
    hs_out v_drug I3
    hs_out pc_le3 I4
    ph_sp hs_mgr C2?
    # crisis café and the voluntary sector
    v_cafe v_cafe_mgr C5
    v_ceo v_cafe_mgr L4
    v_cafe_mgr v_night L4
    v_night v_line I3
    v_night v_drug I4
    v_night m_crht_sw I4 | Ring each other most nights
    v_night m_st I3
    v_night pc_le3 I3
    v_night b_para I2?
    v_cafe_mgr m_crht_mgr C2? | Monthly interface meeting, often cancelled
    v_cafe_mgr ph_sp C3
    v_ceo i_mh C3
    i_mh v_cafe M4 | Crisis alternatives fund, two-year contract
    ph_dir v_line M2 | Small public health grant
    g_gp2 v_drug R2
    # general practice: almost no line to the crisis services
    g_gp1 g_pm L3
    g_gp1 g_mhp C3
    g_gp2 g_mhp I2?
    g_gp3 g_gp1 C3
    g_gp3 g_gp2 C3
    g_gp3 g_mhp L3
    g_gp3 m_crht_cons I2? | The only working tie between practices and the crisis team
    g_gp1 i_mgr C2
    g_gp1 a_ed_cons R2 | Sends people to A&E when the crisis line does not answer
    # approved mental health professionals
    s_amhp_lead s_amhp L4
    s_amhp_lead s_amhp2 L4
    s_amhp s_amhp2 C3
    s_amhp m_crht_cons C3 | Mental Health Act assessments
    s_amhp2 m_hbpos C3
    p_insp s_amhp_lead C3
    s_amhp_lead m_ops C3
    s_amhp a_ed_mhlead C2
    # public health
    ph_dir ph_sp L4
    ph_sp ph_analyst C4
    ph_sp p_insp C4 | Real-time surveillance data-sharing agreement
    ph_analyst p_control I3
    ph_sp m_ops C3
    ph_sp pc_carers C3 | Bereaved-by-suicide support
    ph_dir i_mh C3
    # commissioning
    i_org i_mh C4
    i_mh i_mgr L4
    i_org m_org M5 | Mental health contract
    i_org a_org M5 | Acute contract
    i_org b_org M4 | Ambulance contract
    i_mh m_ops C3
    i_mgr m_crht_mgr C3
    i_mgr pc_carers C2 | The Carers Circle sits on the crisis concordat group
    # carers
    pc_carers pc_carer C4
    pc_carers m_crht_n2 C3 | Carers' lead in the crisis team
    pc_carer m_crht_mgr X3 | Formal complaint about her son's discharge
    pc_carer g_gp1 I2
    m_crht_sw pc_carers I2?
    # everyday partnership ties
    m_crht_n2 s_amhp I2
    a_ed_mhlead p_sgt C2 | Section 136 handovers in A&E
    ph_sp v_line C3 | Suicide prevention training for volunteers
    ph_analyst i_mgr I2?
    i_mgr v_cafe_mgr C3 | Contract monitoring
    v_ceo ph_dir C2
    b_org p_org C2 | Joint emergency services interoperability
    """)
    m.sprinkle(["m_ops", "m_crht_mgr", "m_crht_cons", "m_crht_n1", "m_crht_n2", "m_crht_sw", "m_lia_cons",
                "m_lia_n", "m_st", "m_peer", "m_hbpos"], 16)
    m.sprinkle(["p_insp", "p_sgt", "p_st", "p_control", "b_mhp", "b_para"], 4)
    m.sprinkle(["a_ed_lead", "a_ed_cons", "a_ed_nurse", "a_ed_mhlead", "a_sec"], 2)
    m.sprinkle(["v_ceo", "v_cafe_mgr", "v_night", "v_line", "v_drug"], 3)
    m.sprinkle(["g_gp1", "g_pm", "g_gp2", "g_gp3", "g_mhp"], 2)

    m.circle_order = ["mental health", "hospital care", "primary care", "patients & carers",
                      "commissioning (ICB)", "public health", "voluntary & community sector", "housing",
                      "police & ambulance", "social care"]
    m.expect["heroes"] = [("m_peer_lead", ["pc_len", "pc_le1", "pc_le2"])]
    m.expect["bridges"] = ["m_st", "v_night", "ph_sp"]
    m.expect["hidden"] = ["m_crht_sw", "v_night"]
    m.expect["peripheral"] = ["m_md", "p_ch_supt", "hs_dir"]
    m.expect["thin"] = [("housing", "mental health", 0),
                        ("housing", "hospital care", 0),
                        ("primary care", "mental health", 1)]
    m.expect["size"] = (50, 75)
    return m


# ===========================================================================
# Checks
# ===========================================================================

def analysis_graph(doc):
    """Undirected simple graph over the ties whose kind counts in analysis."""
    include = {k["name"]: k["include_in_analysis"] for k in doc["tie_kinds"]}
    adj = {a["id"]: [] for a in doc["actors"]}
    for t in doc["ties"]:
        if not include[t["kind"]]:
            continue
        a, b = t["from"], t["to"]
        if b not in adj[a]:
            adj[a].append(b)
            adj[b].append(a)
    return adj


def components(adj, removed=None):
    seen, comps = set(), []
    for start in adj:
        if start == removed or start in seen:
            continue
        comp, stack = [], [start]
        seen.add(start)
        while stack:
            v = stack.pop()
            comp.append(v)
            for w in adj[v]:
                if w != removed and w not in seen:
                    seen.add(w)
                    stack.append(w)
        comps.append(comp)
    comps.sort(key=len, reverse=True)
    return comps


def articulation_points(adj):
    """Tarjan's algorithm (iterative); returns ids in actor order."""
    index, low, parent, points = {}, {}, {}, set()
    counter = 0
    for root in adj:
        if root in index:
            continue
        parent[root] = None
        index[root] = low[root] = counter
        counter += 1
        children = 0
        stack = [(root, iter(adj[root]))]
        while stack:
            v, it = stack[-1]
            advanced = False
            for w in it:
                if w not in index:
                    parent[w] = v
                    index[w] = low[w] = counter
                    counter += 1
                    if v == root:
                        children += 1
                    stack.append((w, iter(adj[w])))
                    advanced = True
                    break
                if w != parent[v]:
                    low[v] = min(low[v], index[w])
            if advanced:
                continue
            stack.pop()
            if stack:
                u = stack[-1][0]
                low[u] = min(low[u], low[v])
                if parent[u] is not None and low[v] >= index[u]:
                    points.add(u)
        if children > 1:
            points.add(root)
    return [v for v in adj if v in points]


def betweenness(adj):
    """Brandes' betweenness centrality on the unweighted undirected graph."""
    cb = {v: 0.0 for v in adj}
    for s in adj:
        stack, preds = [], {v: [] for v in adj}
        sigma = {v: 0 for v in adj}
        dist = {v: -1 for v in adj}
        sigma[s], dist[s] = 1, 0
        queue, head = [s], 0
        while head < len(queue):
            v = queue[head]
            head += 1
            stack.append(v)
            for w in adj[v]:
                if dist[w] < 0:
                    dist[w] = dist[v] + 1
                    queue.append(w)
                if dist[w] == dist[v] + 1:
                    sigma[w] += sigma[v]
                    preds[w].append(v)
        delta = {v: 0.0 for v in adj}
        while stack:
            w = stack.pop()
            for v in preds[w]:
                delta[v] += sigma[v] / sigma[w] * (1 + delta[w])
            if w != s:
                cb[w] += delta[w]
    return {v: c / 2 for v, c in cb.items()}


def lab(hex_colour):
    """CIE L*a*b* (D65) of an sRGB "#RRGGBB", as in src/model/style.rs."""
    def linear(v):
        v /= 255.0
        return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4

    def f(t):
        d = 6.0 / 29.0
        return t ** (1.0 / 3.0) if t > d ** 3 else t / (3.0 * d * d) + 4.0 / 29.0

    r, g, b = (linear(int(hex_colour[i:i + 2], 16)) for i in (1, 3, 5))
    x = 0.4124564 * r + 0.3575761 * g + 0.1804375 * b
    y = 0.2126729 * r + 0.7151522 * g + 0.0721750 * b
    z = 0.0193339 * r + 0.1191920 * g + 0.9503041 * b
    fx, fy, fz = f(x / 0.95047), f(y), f(z / 1.08883)
    return (116.0 * fy - 16.0, 500.0 * (fx - fy), 200.0 * (fy - fz))


def delta_e76(c1, c2):
    """The CIE 1976 colour difference between two "#RRGGBB" colours."""
    return math.dist(lab(c1), lab(c2))


def check_format(doc, text):
    assert text.endswith("}\n") and not text.endswith("\n\n")
    assert list(doc) == DOC_KEYS, list(doc)
    assert doc["format"] == "bridgework" and doc["version"] == 1
    assert doc["title"] and "fictional" in doc["description"]
    assert doc["metadata"] == {"author": "Bridgework sample", "created": CREATED}

    sectors = doc["sectors"]
    assert [(s["name"], s["colour"], s["shape"]) for s in sectors[:11]] == DEFAULT_SECTORS
    for s in sectors:
        assert list(s) == ["name", "colour", "shape"]
        assert s["shape"] in SHAPES
        assert len(s["colour"]) == 7 and s["colour"][0] == "#" and s["colour"] == s["colour"].upper()
        int(s["colour"][1:], 16)
    names = [s["name"] for s in sectors]
    assert len(set(names)) == len(names), "duplicate sector"
    looks = [(s["colour"], s["shape"]) for s in sectors]
    assert len(set(looks)) == len(looks), "two sectors look alike"
    for i, s1 in enumerate(sectors):
        assert delta_e76(s1["colour"], SELECTION) >= MIN_DELTA_E, (s1["name"], "near the selection colour")
        for s2 in sectors[i + 1:]:
            d = delta_e76(s1["colour"], s2["colour"])
            assert d >= MIN_DELTA_E, (s1["name"], s2["name"], "colours too close: ΔE76 %.1f" % d)

    kinds = doc["tie_kinds"]
    assert [(k["name"], k["colour"], k["dash"], k["directed"], k["include_in_analysis"]) for k in kinds] \
        == DEFAULT_TIE_KINDS
    for k in kinds:
        assert list(k) == ["name", "colour", "dash", "directed", "include_in_analysis"]
        assert k["dash"] in DASHES

    ids = set()
    for a in doc["actors"]:
        where = a.get("id")
        assert list(a) == ACTOR_KEYS, (where, list(a))
        assert a["id"] == "a%d" % (len(ids) + 1) and a["id"] not in ids
        ids.add(a["id"])
        assert a["name"].strip() == a["name"] and a["name"], where
        assert a["kind"] in ACTOR_KINDS, where
        assert a["sector"] in names, where
        assert a["organisation"].strip() and a["role"].strip() and a["notes"].strip(), where
        if a["kind"] in ("organisation", "team", "patient_voice"):
            assert a["profession"] in PROFESSIONS + [None], where
        else:
            assert a["profession"] in PROFESSIONS, where
        if a["kind"] == "patient_voice":
            assert a["sector"] == "patients & carers", where
        for f in ("formal_position", "influence"):
            assert type(a[f]) is int and 1 <= a[f] <= 5, (where, f)
        assert a["stance"] in STANCES, where
        assert 1 <= len(a["tags"]) <= 3, where
        assert len(set(a["tags"])) == len(a["tags"]), where
        for tag in a["tags"]:
            assert isinstance(tag, str) and tag and tag.strip() == tag and ";" not in tag, (where, tag)
        for f in ("x", "y"):
            assert type(a[f]) is float and math.isfinite(a[f]) and round(a[f], 1) == a[f], (where, f)
            assert abs(a[f]) < 1000, (where, f)
        assert a["pinned"] is False
        assert a["private"] == [f for f in ACTOR_PRIVATE if f in a["private"]], where
        assert len(set(a["private"])) == len(a["private"])
        assert a["attributes"] == {}

    tie_ids = set()
    kind_directed = {k["name"]: k["directed"] for k in kinds}
    for t in doc["ties"]:
        where = t.get("id")
        assert list(t) == TIE_KEYS, (where, list(t))
        assert t["id"] == "t%d" % (len(tie_ids) + 1) and t["id"] not in tie_ids
        tie_ids.add(t["id"])
        assert t["from"] in ids and t["to"] in ids, where
        assert t["from"] != t["to"], where
        assert t["kind"] in kind_directed, where
        assert t["directed"] is kind_directed[t["kind"]], where
        s = t["strength"]
        assert type(s) is float and s > 0 and s == int(s) and 1 <= s <= 5, where
        assert isinstance(t["confirmed"], bool)
        assert isinstance(t["notes"], str) and t["notes"].strip() == t["notes"]
        assert t["private"] == [f for f in TIE_PRIVATE if f in t["private"]], where
        assert t["attributes"] == {}
    assert json.dumps(doc, indent=2, ensure_ascii=False) + "\n" == text


def check_and_summarise(m, path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    doc = json.loads(text)
    check_format(doc, text)

    actors, ties = doc["actors"], doc["ties"]
    by_id = {a["id"]: a for a in actors}
    key_id = {k: a["id"] for k, a in m.by_key.items()}
    n = len(actors)
    lo, hi = m.expect["size"]
    assert 40 <= n <= 150 and lo <= n <= hi, n
    per_actor = len(ties) / n
    assert 2.5 <= per_actor <= 4.0, per_actor

    # Variety: kinds, voices, stances, tie kinds, unconfirmed ties, notes.
    kinds = Counter(a["kind"] for a in actors)
    assert kinds["organisation"] + kinds["team"] >= 3 and kinds["patient_voice"] >= 3, kinds
    stances = Counter(a["stance"] for a in actors)
    assert stances["champion"] >= 5 and stances["supporter"] >= 5 and stances["neutral"] >= 5, stances
    assert stances["sceptic"] >= 3 and 1 <= stances["opposed"] <= 2 and stances["unknown"] >= 3, stances
    champion_sectors = {a["sector"] for a in actors if a["stance"] in ("champion", "supporter")}
    assert len(champion_sectors) >= 6, champion_sectors
    influence = Counter(a["influence"] for a in actors)
    assert len(influence) == 5, influence
    tie_kinds = Counter(t["kind"] for t in ties)
    assert all(tie_kinds[k[0]] >= 2 for k in DEFAULT_TIE_KINDS), tie_kinds
    assert tie_kinds["collaboration"] + tie_kinds["informal/advice"] > len(ties) / 2, tie_kinds
    unconfirmed = sum(1 for t in ties if not t["confirmed"])
    assert 0.05 * len(ties) <= unconfirmed <= 0.3 * len(ties), unconfirmed
    assert sum(1 for t in ties if t["notes"]) >= 10
    for t in ties:
        if t["kind"] == "commissioning":
            assert by_id[t["from"]]["sector"] in ("commissioning (ICB)", "public health",
                                                  "local government", "housing") \
                or by_id[t["from"]]["profession"] == "commissioner", t["id"]

    # Structure.
    adj = analysis_graph(doc)
    comps = components(adj)
    assert len(comps[0]) >= n - 2, "not connected: %s" % [len(c) for c in comps]
    aps = articulation_points(adj)
    assert aps, "no articulation point"
    for hero, cut_off in m.expect["heroes"]:
        hid = key_id[hero]
        assert hid in aps, hero
        rest = components(adj, removed=hid)
        stranded = sorted(v for c in rest[1:] for v in c)
        assert stranded == sorted(key_id[k] for k in cut_off), (hero, stranded)
    degree = {v: len(w) for v, w in adj.items()}
    ranked = sorted(degree.values(), reverse=True)
    top_cut = ranked[max(0, int(0.15 * n) - 1)]
    for k in m.expect["hidden"]:
        a = by_id[key_id[k]]
        assert a["formal_position"] <= 2 and degree[a["id"]] >= top_cut, (k, degree[a["id"]], top_cut)
    for k in m.expect["peripheral"]:
        a = by_id[key_id[k]]
        assert a["formal_position"] >= 4 and degree[a["id"]] <= 2, (k, degree[a["id"]])
    bc = betweenness(adj)
    bc_rank = sorted(bc, key=lambda v: -bc[v])
    for k in m.expect["bridges"]:
        bid = key_id[k]
        assert bid in bc_rank[:n // 5], (k, bc_rank.index(bid))
        reach = {by_id[w]["sector"] for w in adj[bid]} - {by_id[bid]["sector"]}
        assert reach, (k, reach)

    # Sector x sector tie counts (every tie, each pair unordered).
    sector_n = Counter(a["sector"] for a in actors)
    pair_ties = Counter()
    for t in ties:
        s1, s2 = sorted((by_id[t["from"]]["sector"], by_id[t["to"]]["sector"]))
        pair_ties[(s1, s2)] += 1
    big = [s["name"] for s in doc["sectors"] if sector_n[s["name"]] >= 5]
    big_pairs = [(s1, s2) for i, s1 in enumerate(big) for s2 in big[i + 1:]]
    thin = sorted((pair_ties[tuple(sorted(p))], -sector_n[p[0]] * sector_n[p[1]], p) for p in big_pairs)
    assert thin and thin[0][0] <= 1, thin[:3]
    for s1, s2, most in m.expect["thin"]:
        assert sector_n[s1] >= 5 and sector_n[s2] >= 5, (s1, s2)
        assert pair_ties[tuple(sorted((s1, s2)))] <= most, (s1, s2, pair_ties[tuple(sorted((s1, s2)))])
    # Dense inside sectors (patient and carer voices are often separate small
    # groups, so they are left out of the per-sector test).
    for s in big:
        if s != "patients & carers":
            assert pair_ties[(s, s)] >= sector_n[s] - 1, (s, pair_ties[(s, s)])
    within = sum(c for (s1, s2), c in pair_ties.items() if s1 == s2)
    assert within >= 0.45 * len(ties), within

    # Summary.
    def label(aid):
        a = by_id[aid]
        role = a["role"]
        for cut in (",", ";", "("):
            role = role.split(cut)[0]
        return "%s (%s)" % (a["name"], role.strip())

    print("== %s: %s" % (os.path.relpath(path, ROOT), doc["title"]))
    print("   %d actors, %d ties (%.2f per actor; %d unconfirmed), %d connected component(s)"
          % (n, len(ties), per_actor, unconfirmed, len(comps)))
    print("   sectors:", ", ".join("%s %d" % (s["name"], sector_n[s["name"]])
                                   for s in doc["sectors"] if sector_n[s["name"]]))
    print("   kinds:", ", ".join("%s %d" % kv for kv in kinds.most_common()))
    print("   stances:", ", ".join("%s %d" % (s, stances[s]) for s in STANCES))
    print("   tie kinds:", ", ".join("%s %d" % (k[0], tie_kinds[k[0]]) for k in DEFAULT_TIE_KINDS))
    print("   articulation points:", "; ".join(
        "%s cuts off %d" % (label(v), sum(len(c) for c in components(adj, removed=v)[1:])) for v in aps))
    print("   top betweenness:", "; ".join(label(v) for v in bc_rank[:6]))
    print("   hidden influencers:", "; ".join(
        "%s [position %d, %d neighbours]" % (label(key_id[k]), by_id[key_id[k]]["formal_position"],
                                             degree[key_id[k]]) for k in m.expect["hidden"]))
    print("   senior but peripheral:", "; ".join(
        "%s [position %d, %d neighbours]" % (label(key_id[k]), by_id[key_id[k]]["formal_position"],
                                             degree[key_id[k]]) for k in m.expect["peripheral"]))
    print("   thinnest pairs of big sectors:", "; ".join(
        "%s <-> %s: %d" % (p[0], p[1], c) for c, _, p in thin[:5]))
    return doc


def main():
    os.makedirs(OUT_DIR, exist_ok=True)
    maps = [diabetes_network(), frailty_discharge(), mental_health_crisis()]
    paths = [m.write() for m in maps]
    for m, path in zip(maps, paths):
        check_and_summarise(m, path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
