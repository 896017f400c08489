"""Synthetic but valid data for benchmarks: many clinics and conditions, in a
copy of the project, so the real data/ is never touched."""
from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "hooks"))

import zipcodes  # noqa: E402 - after the path is set

# The Spanish edition too (mkdocs-es*.yml, docs-es/, its catalogs in locales/): scripts/build.py builds both.
PROJECT_PARTS = ("mkdocs.yml", "mkdocs-offline.yml", "mkdocs-es.yml", "mkdocs-offline-es.yml", "docs", "docs-es", "locales",
                 "data", "hooks", "overrides", "schemas", "scripts")
LANGUAGES = ["English", "Spanish", "Tagalog", "Vietnamese", "Arabic", "Mandarin", "Korean", "Persian"]
ACCESS = ["Step-free entrance", "Accessible parking", "Accessible restroom", "Large-print forms", "Quiet sensory room"]
SPANISH = dict(zip(LANGUAGES + ACCESS, ["Inglés", "Español", "Tagalo", "Vietnamita", "Árabe", "Mandarín", "Coreano", "Persa",
                                        "Entrada sin escalones", "Estacionamiento accesible", "Baño accesible",
                                        "Formularios en letra grande", "Sala sensorial tranquila"]))


def bilingual(project: Path) -> bool:
    """Whether `project`'s data holds Spanish beside English (`es:` fields; an older commit's schemas refuse them)."""
    return (project / "hooks" / "otsite" / "bilingual.py").exists()
DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


def copy_project(target: Path, root: Path = ROOT) -> Path:
    """A private copy of the project's sources (of `root`: this checkout, or an older commit's tree), for runs that change them."""
    target.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        source = root / part
        if source.is_dir():
            shutil.copytree(source, target / part, ignore=shutil.ignore_patterns("__pycache__"))
        elif source.exists():
            shutil.copy2(source, target / part)
    return target


def commit_tree(commit: str, target: Path) -> Path:
    """The files of `commit` in `target` (git archive: the repository and its worktrees are left alone)."""
    target.mkdir(parents=True, exist_ok=True)
    archive = subprocess.run(["git", "archive", commit], cwd=ROOT, check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(target)], input=archive, check=True)
    return target


def write_clinics(project: Path, count: int, seed: int = 7) -> None:
    """Replace data/clinics.yml with `count` valid clinics at real California ZIP codes."""
    rng = random.Random(seed)
    places = [z for z in zipcodes.filter_by(state="CA") if z["active"] and z["lat"] and z["zip_code_type"] == "STANDARD"]
    services = [s["slug"] for s in yaml.safe_load((project / "data" / "services.yml").read_text())["services"]]
    clinics = []
    spanish = bilingual(project)
    for i in range(count):
        place = rng.choice(places)
        open_days = rng.sample(DAYS[:6], rng.randint(3, 6))
        start, end = rng.choice([("07:30", "16:00"), ("08:00", "17:00"), ("09:00", "18:00"), ("10:00", "19:00")])
        clinics.append({
            "slug": f"sample-clinic-{i}", "name": f"Sample Clinic {i} of {place['city'].title()}", "sample_data": True,
            "address": {"street": f"{100 + i} Sample Street", "city": place["city"].title(), "state": "CA", "zip": place["zip_code"]},
            "phone": f"({rng.choice(['619', '858', '760', '213', '415'])}) 555-{i % 10000:04d}",
            "coordinates": {"lat": round(float(place["lat"]) + rng.uniform(-0.01, 0.01), 5),
                            "lon": round(float(place["long"]) + rng.uniform(-0.01, 0.01), 5)},
            "timezone": "America/Los_Angeles",
            "hours": {day: f"{start}-{end}" for day in DAYS if day in open_days},
            "services": rng.sample(services, rng.randint(1, 3)),
            "staff_credentials": ["CHT"],  # hand therapy, when drawn, needs a credential
            "languages": ["English"] + rng.sample(LANGUAGES[1:], rng.randint(0, 2)),
            "accessibility": rng.sample(ACCESS, rng.randint(0, 3)),
        })
        if spanish:
            clinics[-1]["es"] = {key: [SPANISH[value] for value in clinics[-1][key]] for key in ("languages", "accessibility")}
    text = yaml.safe_dump({"clinics": clinics}, sort_keys=False, allow_unicode=True, width=200)
    (project / "data" / "clinics.yml").write_text(text, encoding="utf-8")


SENTENCES = [
    "People with {name} may find daily tasks such as dressing, cooking and writing harder than before.",
    "An occupational therapist looks at the person, the task and the place where the task happens.",
    "Therapy can build strength, ease pain and teach new ways to do the things that matter.",
    "Small changes at home, such as a raised seat or a grab bar, can make a big difference.",
    "Your therapist will set goals with you and check your progress at each visit.",
    "Home exercises between visits help you get better faster.",
    "Some people need a splint, also called an orthosis, to rest or protect a joint.",
    "If symptoms get worse quickly, see your doctor the same day.",
]


def write_conditions(project: Path, count: int, seed: int = 11) -> None:
    """Add `count` valid conditions to the shipped ones, each with a prose page of about the
    shipped pages' size (some 600 words)."""
    rng = random.Random(seed)
    taxonomy = yaml.safe_load((project / "data" / "taxonomy.yml").read_text())
    services = [s["slug"] for s in yaml.safe_load((project / "data" / "services.yml").read_text())["services"]]
    pick = lambda key, n: rng.sample([g["slug"] for g in taxonomy[key]], n)  # noqa: E731
    slugs = [f"sample-condition-{i}" for i in range(count)]
    conditions = [{
        "slug": slug, "name": f"Sample condition {i}", "aliases": [f"sample alias {i}-{j}" for j in range(5)],
        "misspellings": [f"sampel condition {i}"], "summary": f"A made-up condition, number {i}, for measuring the build.",
        "kind": pick("kinds", 1)[0], "body_areas": pick("body_areas", 2), "age_groups": pick("age_groups", 2),
        "services": rng.sample(services, 2), "specialists": ["OTR"],
        "related": rng.sample([s for s in slugs if s != slug], min(3, count - 1)),
    } for i, slug in enumerate(slugs)]
    if bilingual(project):
        for i, condition in enumerate(conditions):
            condition["es"] = {"name": f"Afección de muestra {i}", "aliases": [f"alias de muestra {i}-{j}" for j in range(5)],
                               "misspellings": [f"afeccion de muesta {i}"], "summary": f"Una afección inventada, número {i}."}
    data = project / "data" / "conditions.yml"
    shipped = yaml.safe_load(data.read_text())["conditions"]
    data.write_text(yaml.safe_dump({"conditions": shipped + conditions}, sort_keys=False, width=200, allow_unicode=True))
    folder = project / "docs" / "conditions"
    front = ("---\ndescription: A made-up condition for measuring the build.\nreview:\n  status: draft\n  written: 2026-11-01\n"
             "  next_review: 2027-11-01\n  sources:\n    - publisher: Bench\n      title: Synthetic\n"
             "      url: https://example.org/synthetic\n      accessed: 2026-11-01\nget_help:\n  routine:\n    - See your doctor if it gets worse.\n---\n\n")
    for condition in conditions:
        sections = []
        for heading in ("What it is", "How it affects daily life", "How occupational therapy helps",
                        "What treatment may involve", "Who can help"):
            text = " ".join(rng.choice(SENTENCES).format(name=condition["name"]) for _ in range(8))
            sections.append(f"## {heading}\n\n{text}\n")
        (folder / f"{condition['slug']}.md").write_text(front + "\n".join(sections), encoding="utf-8")


def stock_docs(project: Path, target: Path) -> Path:
    """`target`/docs: the Markdown our hooks produce for `project` (the export's English pages and assets, clean URLs),
    for stock Material to build with no hooks."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "CI": ""}
    export = target / "export"
    subprocess.run([sys.executable, str(project / "scripts" / "export_markdown.py"), str(export)],
                   cwd=project, env=env, check=True, stdout=subprocess.DEVNULL)
    (export / "docs").rename(target / "docs")
    shutil.rmtree(export)
    finder = target / "docs" / "clinics" / "index.md"
    finder.write_text(finder.read_text().replace("template: finder.html\n", ""))  # our theme's page template
    return target


def write_plain_pages(docs: Path, count: int, seed: int = 7) -> None:
    """`count` plain Markdown pages in docs/clinics/ (kept out of the navigation), each with about a
    clinic page's visible text at a glance: a heading, a paragraph and an opening-hours table."""
    rng = random.Random(seed)
    folder = docs / "clinics"
    folder.mkdir(parents=True, exist_ok=True)
    names = dict(zip(DAYS, ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]))
    for i in range(count):
        rows = "\n".join(f"| {names[day]} | {rng.choice(['8:00 am to 5:00 pm', '9:00 am to 6:00 pm', 'Closed'])} |" for day in DAYS)
        (folder / f"plain-page-{i}.md").write_text(
            f"# Plain Clinic {i}\n\nPlain Clinic {i} is in San Diego, CA. It offers hand therapy and occupational therapy. "
            f"Staff speak English and Spanish. Call (619) 555-{i % 10000:04d} to make a visit.\n\n"
            f"## Opening hours\n\n| Day | Hours |\n| --- | --- |\n{rows}\n", encoding="utf-8")
