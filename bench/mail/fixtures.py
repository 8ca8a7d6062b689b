"""A programme open now and a complete proposal, as the API takes them
(the same as the end-to-end tests' `open_programme_json` and
`complete_proposal_json`)."""

from datetime import datetime, timedelta, timezone


def eur(minor):
    return {"minor": minor, "currency": "EUR"}


def open_programme():
    now = datetime.now(timezone.utc)
    return {
        "code": "MAILBENCH",
        "title": {"en": "Innovation Awards 2027", "mk": "Награди за иновации 2027"},
        "description": {"en": "New library services."},
        "default_locale": "en",
        "time_zone": "Europe/Skopje",
        "currency": "EUR",
        "budget": eur(10_000_000),
        "min_award": eur(100_000),
        "max_award": eur(1_500_000),
        "opens_at": (now - timedelta(days=1)).isoformat(),
        "closes_at": (now + timedelta(days=30)).isoformat(),
        "eligible_countries": ["AL", "BA", "BG", "HR", "GR", "XK", "ME", "MK", "RO", "RS", "SI"],
        "rubric": [
            {"key": "impact", "title": {"en": "Impact"}, "weight": 3, "scale_min": 1, "scale_max": 5},
        ],
        "reviews_per_proposal": 3,
        "reviewer_load_cap": 8,
        "conflict_policy": {"same_organisation": True, "same_country": True},
        "tranche_template": [
            {"key": "signing", "percent": 100, "condition": {"kind": "agreement_signed"}},
        ],
        "reporting_schedule": [{"key": "final", "kind": "final", "months_after_start": 12}],
    }


def proposal(programme_id):
    return {
        "programme_id": programme_id,
        "title": "Maker space for teenagers",
        "summary": "A maker space in the children's department.",
        "problem": "Teenagers stop visiting the library at 13.",
        "proposed_service": "Weekly maker workshops with 3D printing.",
        "target_group": "Teenagers aged 13 to 18.",
        "planned_activities": "Buy equipment, train two librarians, run 40 workshops.",
        "budget_lines": [
            {"description": "3D printer", "amount": eur(150_000)},
            {"description": "Materials", "amount": eur(50_000)},
        ],
        "requested_amount": eur(200_000),
        "country": "MK",
        "organisation": "City Library",
        "tags": ["makerspace", "teenagers"],
        "language": "mk",
    }
