"""Worked cases: the Charter's own examples (Ch. I §IV, Ch. III), the prohibited practices,
who does what with a system (roles), where a question belongs (organisation or system), the
answers a real firm needs, dates and citations. Each docstring names the article that decides
it. Unmentioned questions are answered the way a user would when they do not apply ("no" /
"none of these")."""

from __future__ import annotations

from aicharter.rules.dates import date_note
from aicharter.rules.engine import Outcome
from helpers import charter, outcome

AI = {"infers": "yes", "scope_exclusion": "none", "activities": ("use",)}
PUBLIC_BODY = {"org_public_body": "yes"}
ON_BEHALF = {"org_public_body": "no", "org_public_service": "no", "org_on_behalf_public": "yes"}
PRIVATE = {"org_public_body": "no", "org_public_service": "no", "org_on_behalf_public": "no"}

RECRUITING = {
    **AI,
    "personal_data": "yes",
    "annex3_areas": ("employment",),
    "annex3_p4": ("recruitment",),
    "workers_affected": ("candidates",),
}
FACE_POST = {
    **AI,
    "personal_data": "yes",
    "bio_uses": "yes",
    "bio_identification": "identification",
    "bio_watchlist": "other",
    "bio_realtime": "post",
    "bio_public_space": "yes",
}
POLICE_FOOTAGE = {**FACE_POST, "law_enforcement": "yes", "annex3_p6": ("none",)}
REALTIME_POLICE = {
    **AI,
    "law_enforcement": "yes",
    "personal_data": "yes",
    "bio_uses": "yes",
    "bio_identification": "identification",
    "bio_watchlist": "offenders",
    "bio_realtime": "real_time",
    "bio_public_space": "yes",
    "annex3_p6": ("none",),
}


def assert_outcome(out: Outcome, tier, role, fria, safeguards):
    assert (out.tier, out.role, out.fria) == (tier, role, fria), out.reasons
    assert sorted(out.safeguards) == sorted(safeguards)


def legal(out: Outcome) -> set[str]:
    return {o.id for o in out.obligations if o.kind == "legal"}


def recommended(out: Outcome) -> set[str]:
    return {o.id for o in out.obligations if o.kind == "recommended"}


def obligation(out: Outcome, obligation_id: str):
    return next(o for o in out.obligations if o.id == obligation_id)


def reviews(out: Outcome) -> str:
    return " | ".join(r.text for r in out.needs_review)


def notices(out: Outcome) -> set[str]:
    return {n.subject.id for n in out.notices}


DEPLOYER_DUTIES = {
    "use_per_instructions",
    "human_oversight_assign",
    "keep_logs",
    "monitor_operation",
}
PROVIDER_DUTIES = {"provider_requirements", "provider_conformity", "provider_quality_system"}


# -- Charter Ch. I §IV: low-risk examples ------------------------------------------------------


def test_risk_analysis_on_non_personal_data_is_minimal():
    """Visitor-flow and peak-time analysis from non-personal data: no Annex III use (Art. 6(2));
    only AI literacy applies (Art. 4)."""
    out = outcome({**AI, "personal_data": "no"})
    assert_outcome(out, "minimal", "deployer", "not_applicable", [])
    assert legal(out) == {"ai_literacy"}


def test_alarm_triage_is_minimal_with_gdpr():
    """Alarm triage that tells animals from people: not listed in Annex III (Art. 6(2)); the
    GDPR applies to the footage (GDPR Art. 6)."""
    out = outcome({**AI, "personal_data": "yes", "bio_uses": "no"})
    assert_outcome(out, "minimal", "deployer", "not_applicable", [])
    assert legal(out) == {"ai_literacy", "gdpr"}


def test_crowd_counting_without_biometrics_is_minimal():
    """Crowd density and bottleneck detection with no identification (Annex III 1 not met)."""
    out = outcome({**AI, "personal_data": "yes", "bio_uses": "no"})
    assert out.tier == "minimal"


def test_crowd_management_with_identification_becomes_high_risk():
    """The Charter's caveat: once crowd analytics identifies people it is remote biometric
    identification, high-risk under Annex III 1(a), with two-person verification (Art. 14(5))."""
    out = outcome(FACE_POST)
    assert_outcome(
        out,
        "high",
        "deployer",
        "recommended",
        ["two_person_verification", "log_retention_6_months", "annual_report_authorities"],
    )


def test_biometric_access_control_verification_is_not_high_risk():
    """Badge-and-face door: verification only, excluded from Annex III 1(a); GDPR Art. 9 still
    governs the biometric data."""
    out = outcome(
        {**AI, "personal_data": "yes", "bio_uses": "yes", "bio_identification": "verification"}
    )
    assert_outcome(out, "minimal", "deployer", "not_applicable", [])
    assert "gdpr_biometrics" in legal(out)
    assert "C11" in out.charter_differs


def test_behaviour_detection_of_apparent_movements_is_minimal():
    """Detecting readily apparent movements is not emotion recognition (Recital 18, Art. 3(39))."""
    out = outcome({**AI, "personal_data": "yes", "bio_uses": "yes", "bio_emotion": "apparent"})
    assert out.tier == "minimal"


# -- Charter Ch. I §IV: high-risk examples -----------------------------------------------------


def test_post_remote_identification_for_a_private_client():
    """Post-remote identification for a private client: high-risk (Annex III 1(a)); two-person
    verification (Art. 14(5)); annual reports kept on the plan but unsettled (Art. 26(10),
    LEGAL C18), so marked for review; no 48-hour authorisation outside law enforcement."""
    out = outcome({**FACE_POST, "law_enforcement": "no"})
    assert_outcome(
        out,
        "high",
        "deployer",
        "recommended",
        ["two_person_verification", "log_retention_6_months", "annual_report_authorities"],
    )
    assert "post_remote_biometric_authorisation" not in out.safeguards
    assert "26(10)" in reviews(out)


def test_post_remote_identification_on_behalf_of_police():
    """Post-remote identification in a police investigation: 48-hour authorisation and annual
    reports (Art. 26(10)); registration by those acting on behalf of public authorities
    (Art. 49(3)); FRIA treated as mandatory pending review (Art. 27(1))."""
    out = outcome(POLICE_FOOTAGE, ON_BEHALF)
    assert_outcome(
        out,
        "high",
        "deployer",
        "mandatory",
        [
            "two_person_verification",
            "post_remote_biometric_authorisation",
            "annual_report_authorities",
            "register_eu_database",
            "log_retention_6_months",
        ],
    )
    assert "private entity providing public services" in reviews(out)


def test_realtime_identification_for_a_venue_watch_list_is_high_risk_not_prohibited():
    """A private venue's own watch list in real time: Art. 5(1)(h) covers law enforcement only,
    so it is high-risk under Annex III 1(a), and the Charter's reading differs (LEGAL C5)."""
    out = outcome(
        {**FACE_POST, "law_enforcement": "no", "bio_realtime": "real_time"},
    )
    assert_outcome(
        out,
        "high",
        "deployer",
        "recommended",
        ["two_person_verification", "log_retention_6_months"],
    )
    assert "C5" in out.charter_differs
    assert "private_realtime_rbi" in notices(out)


def test_emotion_recognition_in_public_space_is_high_risk_with_notice():
    """Emotion recognition of visitors: high-risk (Annex III 1(c)) and the Art. 50(3) notice,
    which stacks on the high-risk duties (Art. 50(6))."""
    out = outcome(
        {
            **AI,
            "personal_data": "yes",
            "bio_uses": "yes",
            "bio_emotion": "emotions",
            "bio_emotion_setting": ("other",),
        }
    )
    assert_outcome(
        out,
        "high",
        "deployer",
        "recommended",
        ["log_retention_6_months", "transparency_notice"],
    )
    assert "emotion_categorisation_notice" in legal(out)
    assert "art50_stacks" in notices(out)


def test_aviation_security_detection_is_section_b():
    """APIDS needing third-party assessment under Reg. 300/2008: high-risk (Art. 6(1)) but
    Annex I Section B, so Art. 2(2) leaves out Arts. 26, 27 and 49 (LEGAL C8, C24)."""
    out = outcome(
        {
            **AI,
            "personal_data": "no",
            "annex1_product": "aviation_security",
            "annex1_third_party": "yes",
        }
    )
    assert_outcome(out, "high", "deployer", "recommended", [])
    assert "sectoral_regime" in legal(out)
    assert not legal(out) & DEPLOYER_DUTIES
    assert {"C8", "C24"} <= set(out.charter_differs)


def test_autonomous_drone_follows_its_own_law_from_the_annex_i_date():
    """A drone needing third-party assessment (Reg. 2018/1139): Annex I Section B, where only
    Art. 6(1), 60a and 102-112 apply (Art. 2(2)). Arts. 102-110, in force since 27 July 2026
    (Art. 113(d)), bind the Commission, not the firm: the firm's duty under the product's own
    law takes the date Art. 6(1) applies to Annex I systems (Art. 113(c)(ii) as replaced)."""
    out = outcome(
        {**AI, "personal_data": "yes", "annex1_product": "drone", "annex1_third_party": "yes"}
    )
    assert out.tier == "high"
    sectoral = obligation(out, "sectoral_regime")
    assert sectoral.applies_from.isoformat() == "2028-08-02"
    note = date_note(charter(), sectoral.milestone, "original")
    assert note is not None and note.date.isoformat() == "2027-08-02"
    assert "Art. 113(d)" in sectoral.reason
    # no fines notice or high-risk deadline for a product the Act reaches only via Art. 2(2)
    assert not notices(out) & {"fines", "deadline_timeline"}


def test_wireless_device_is_section_a_full_regime():
    """An AI-enabled wireless device needing third-party assessment for health and safety
    (Dir. 2014/53/EU, Annex I Section A): full deployer duties (Art. 26) from the Annex I date
    (Art. 113(c)(ii) as amended)."""
    out = outcome(
        {
            **AI,
            "personal_data": "no",
            "annex1_product": "radio",
            "annex1_third_party": "yes",
            "annex1_radio_reason": "health_safety",
        }
    )
    assert_outcome(out, "high", "deployer", "recommended", ["log_retention_6_months"])
    keep_logs = obligation(out, "keep_logs")
    assert keep_logs.kind == "legal" and keep_logs.applies_from.isoformat() == "2028-08-02"


def test_wireless_device_self_assessed_is_not_high_risk():
    """Without third-party conformity assessment, Art. 6(1)(b) is not met (LEGAL C9)."""
    out = outcome(
        {**AI, "personal_data": "no", "annex1_product": "radio", "annex1_third_party": "no"}
    )
    assert out.tier == "minimal"


def test_radio_assessment_only_for_spectrum_is_not_high_risk():
    """A notified body is needed only for radio-spectrum reasons: the product does not meet
    Art. 6(1)(b) (Art. 6(1c) as inserted by Reg. (EU) 2026/1744)."""
    out = outcome(
        {
            **AI,
            "personal_data": "no",
            "annex1_product": "radio",
            "annex1_third_party": "yes",
            "annex1_radio_reason": "spectrum_only",
        }
    )
    assert out.tier == "minimal"
    assert out.facts["annex1"] == "none"
    assert "radio_spectrum_only" in notices(out) and "C9" in out.charter_differs


def test_recruitment_screening_is_high_risk():
    """CV filtering: Annex III 4(a); the employer informs the workers' representatives
    (Art. 26(7)), and whether that covers candidates is marked for review."""
    out = outcome(RECRUITING)
    assert_outcome(
        out,
        "high",
        "deployer",
        "recommended",
        ["inform_workers_representatives", "log_retention_6_months"],
    )
    assert "inform_workers" in legal(out)
    assert "job candidates" in reviews(out)


def test_task_allocation_on_behaviour_is_high_risk():
    """Rostering based on individual performance: Annex III 4(b); inform workers before use
    (Art. 26(7)); tell the guards concerned (Art. 26(11))."""
    out = outcome(
        {
            **AI,
            "personal_data": "yes",
            "annex3_areas": ("employment",),
            "annex3_p4": ("tasks_traits",),
            "workers_affected": ("own_staff",),
            "decisions_about_people": "yes",
        }
    )
    assert_outcome(
        out,
        "high",
        "deployer",
        "recommended",
        ["inform_workers_representatives", "log_retention_6_months", "transparency_notice"],
    )
    assert not out.needs_review


def test_rostering_on_availability_only_is_marked_for_review():
    """Allocation on availability alone is arguably outside Annex III 4(b) (LEGAL C10): the
    stricter reading (high-risk) applies and the point is marked for review."""
    out = outcome(
        {
            **AI,
            "personal_data": "yes",
            "annex3_areas": ("employment",),
            "annex3_p4": ("tasks_availability",),
        }
    )
    assert out.tier == "high"
    assert "rostering" in reviews(out)


def test_emergency_call_triage_is_high_risk():
    """Classifying emergency calls and dispatching first responders: Annex III 5(d)."""
    out = outcome(
        {
            **AI,
            "personal_data": "yes",
            "annex3_areas": ("essential_services",),
            "annex3_p5": ("emergency",),
        }
    )
    assert out.tier == "high"
    assert not out.needs_review


def test_alarm_receiving_centre_setting_dispatch_priority_needs_review():
    """An alarm-receiving centre whose triage sets the priority of police or fire dispatch: may
    be 'dispatching emergency first response services' (Annex III 5(d)); listed meanwhile and
    marked for review."""
    out = outcome(
        {
            **AI,
            "personal_data": "yes",
            "annex3_areas": ("essential_services",),
            "annex3_p5": ("alarm_triage",),
        }
    )
    assert out.tier == "high"
    assert "alarm-receiving centre" in reviews(out)


def test_physical_security_at_critical_infrastructure_is_unsettled():
    """Perimeter detection at a power plant: whether it is a safety component under Annex III 2
    is unsettled; high-risk is assumed and marked. Point 2 is excluded from the FRIA and from EU
    registration (Art. 27(1), Art. 49(5)), even for a public body."""
    out = outcome(
        {
            **AI,
            "personal_data": "yes",
            "annex3_areas": ("critical_infrastructure",),
            "annex3_p2": ("site_security",),
        },
        PUBLIC_BODY,
    )
    assert_outcome(out, "high", "deployer", "recommended", ["log_retention_6_months"])
    assert "safety component" in reviews(out)


def test_public_body_must_do_fria_and_register():
    """A body governed by public law using an Annex III system: FRIA mandatory (Art. 27(1)),
    registration before use (Art. 49(3)), only registered systems (Art. 26(8)), notification of
    the FRIA (Art. 27(3))."""
    out = outcome(RECRUITING, PUBLIC_BODY)
    assert out.fria == "mandatory"
    assert "register_eu_database" in out.safeguards
    assert {"fria", "fria_notify", "use_registered_only", "register_use"} <= legal(out)


def test_credit_scoring_fria_mandatory_for_any_deployer():
    """Annex III 5(b): every deployer, public or private, does a FRIA (Art. 27(1))."""
    out = outcome(
        {
            **AI,
            "personal_data": "yes",
            "annex3_areas": ("essential_services",),
            "annex3_p5": ("credit",),
        },
        PRIVATE,
    )
    assert out.fria == "mandatory"


# -- Art. 6(3) ---------------------------------------------------------------------------------


def test_preparatory_task_without_profiling_is_not_high_risk_but_always_reviewed():
    """Art. 6(3)(d) preparatory task and no profiling: not high-risk. Relying on a derogation
    always raises a review item and a plan item: obtain the provider's Art. 6(4) assessment and
    check its registration (Art. 49(2))."""
    out = outcome({**RECRUITING, "annex3_derogation": ("preparatory",), "annex3_profiling": "no"})
    assert out.tier == "minimal"
    assert out.facts["derogation"] == "applies"
    assert "Art. 6(4)" in reviews(out)
    assert "derogation_evidence" in recommended(out)


def test_profiling_overrides_the_derogation():
    """Art. 6(3) last subparagraph: an Annex III system that profiles people is always
    high-risk (LEGAL C7)."""
    out = outcome({**RECRUITING, "annex3_derogation": ("preparatory",), "annex3_profiling": "yes"})
    assert out.tier == "high"
    assert "C7" in out.charter_differs


# -- Prohibited practices (Art. 5) -------------------------------------------------------------


EMOTION = {**AI, "personal_data": "yes", "bio_uses": "yes", "bio_emotion": "emotions"}


def test_emotion_recognition_at_the_workplace_is_prohibited():
    """Stress detection of control-room staff: Art. 5(1)(f); the plan becomes do not buy /
    discontinue / document; no high-risk duties are listed."""
    out = outcome(
        {**EMOTION, "bio_emotion_setting": ("workplace",), "bio_emotion_medical_safety": "no"}
    )
    assert_outcome(out, "prohibited", "deployer", "not_applicable", [])
    assert {o.id for o in out.obligations} == {
        "prohibited_do_not_buy",
        "prohibited_discontinue",
        "prohibited_document",
    }
    assert obligation(out, "prohibited_do_not_buy").applies_from.isoformat() == "2025-02-02"


def test_high_risk_does_not_make_it_lawful_note_only_on_high_risk():
    """The Annex III 1 'in so far as permitted by law' note belongs to high-risk systems only;
    a prohibited one gets the ban, not that note (Annex III 1, Art. 5(1)(f))."""
    banned = outcome(
        {**EMOTION, "bio_emotion_setting": ("workplace",), "bio_emotion_medical_safety": "no"}
    )
    assert "biometrics_permitted_by_law" not in notices(banned)
    allowed = outcome({**EMOTION, "bio_emotion_setting": ("other",)})
    assert "biometrics_permitted_by_law" in notices(allowed)


def test_emotion_recognition_of_job_candidates_is_prohibited():
    """Reading candidates' emotions in a video interview: the workplace ban covers candidates
    (Art. 5(1)(f)); wellbeing or loss prevention is no medical or safety reason."""
    out = outcome(
        {**EMOTION, "bio_emotion_setting": ("candidates",), "bio_emotion_medical_safety": "no"}
    )
    assert out.tier == "prohibited"


def test_emotion_recognition_of_customers_is_high_risk_with_notice():
    """Customers, visitors and the public are not protected by the Art. 5(1)(f) ban: emotion
    recognition of them is high-risk (Annex III 1(c)) with the Art. 50(3) notice."""
    out = outcome({**EMOTION, "bio_emotion_setting": ("other",)})
    assert out.tier == "high"
    assert "bio_emotion_medical_safety" not in out.visible
    assert "emotion_categorisation_notice" in legal(out)


def test_emotion_recognition_at_work_for_safety_is_high_risk():
    """The medical or safety exception of Art. 5(1)(f): then high-risk (Annex III 1(c))."""
    out = outcome(
        {**EMOTION, "bio_emotion_setting": ("workplace",), "bio_emotion_medical_safety": "yes"}
    )
    assert out.tier == "high"
    assert "transparency_notice" in out.safeguards


def test_inferring_intentions_is_reviewed_whichever_way_it_goes():
    """'Intent to steal' is an intention: within emotion recognition (Art. 3(39)) but not named
    by the ban (Art. 5(1)(f)). At work it is treated as banned, of customers as high-risk; both
    verdicts rest on the unsettled reading and are marked for review."""
    intentions = {**AI, "personal_data": "yes", "bio_uses": "yes", "bio_emotion": "intentions"}
    at_work = outcome(
        {**intentions, "bio_emotion_setting": ("workplace",), "bio_emotion_medical_safety": "no"}
    )
    shoppers = outcome({**intentions, "bio_emotion_setting": ("other",)})
    assert (at_work.tier, shoppers.tier) == ("prohibited", "high")
    assert "intentions" in reviews(at_work) and "intentions" in reviews(shoppers)


def test_realtime_identification_for_police_without_exception_is_prohibited():
    """Real-time RBI in public for law enforcement with no listed objective: Art. 5(1)(h)."""
    out = outcome({**REALTIME_POLICE, "rbi_objective": "none"}, ON_BEHALF)
    assert_outcome(out, "prohibited", "deployer", "not_applicable", [])


def test_realtime_identification_for_police_with_prior_authorisation():
    """A targeted search for a missing person under national law with prior authorisation:
    Art. 5(1)(h)(i), 5(2)-(3); FRIA before use (Art. 5(2)); high-risk Annex III 1(a)."""
    out = outcome(
        {**REALTIME_POLICE, "rbi_objective": "victims", "rbi_authorised": "prior"}, ON_BEHALF
    )
    assert_outcome(
        out,
        "high",
        "deployer",
        "mandatory",
        [
            "two_person_verification",
            "judicial_authorisation",
            "register_eu_database",
            "log_retention_6_months",
        ],
    )
    assert "realtime_rbi_conditions" in legal(out)


def test_urgent_realtime_identification_is_not_prohibited_and_its_preconditions_share_a_date():
    """Art. 5(3): in a duly justified urgency, use may start if authorisation is requested
    within 24 hours; that is not a banned use. Its preconditions (FRIA and registration,
    Art. 5(2)) apply with the conditions themselves, from 2 February 2025 (Art. 113(a))."""
    out = outcome(
        {**REALTIME_POLICE, "rbi_objective": "threat", "rbi_authorised": "urgent"}, ON_BEHALF
    )
    assert out.tier == "high"
    assert "judicial_authorisation" in out.safeguards
    dates = {
        o.id: o.applies_from.isoformat()
        for o in out.obligations
        if o.id in ("fria", "register_use", "realtime_rbi_conditions")
    }
    assert dates == {
        "fria": "2025-02-02",
        "register_use": "2025-02-02",
        "realtime_rbi_conditions": "2025-02-02",
    }


def test_realtime_identification_without_authorisation_is_prohibited():
    """Neither prior nor urgent authorisation: the Art. 5(1)(h) exception is not met."""
    out = outcome(
        {**REALTIME_POLICE, "rbi_objective": "suspect", "rbi_authorised": "neither"}, ON_BEHALF
    )
    assert out.tier == "prohibited"


def test_crime_prediction_solely_by_profiling_is_prohibited():
    """Art. 5(1)(d): prediction of offending based solely on profiling, by a private firm too
    (a 'likely shoplifter' score)."""
    out = outcome({**AI, "p_crime_risk": "yes", "p_crime_solely_profiling": "yes"})
    assert out.tier == "prohibited"
    assert {"C4", "L4"} <= set(out.charter_differs)


def test_risk_assessment_supporting_police_on_facts_is_high_risk():
    """Not solely profiling, for law enforcement: not banned, high-risk under Annex III 6(d)
    (LEGAL C4)."""
    out = outcome(
        {
            **AI,
            "personal_data": "yes",
            "law_enforcement": "yes",
            "p_crime_risk": "yes",
            "p_crime_solely_profiling": "no",
            "annex3_p6": ("offending_risk",),
        },
        ON_BEHALF,
    )
    assert out.tier == "high"


def test_place_based_crime_prediction_is_not_listed():
    """Hotspot prediction without assessing individuals: not in the adopted Annex III 6
    (LEGAL L7)."""
    out = outcome(
        {**AI, "personal_data": "no", "law_enforcement": "yes", "annex3_p6": ("place_prediction",)},
        ON_BEHALF,
    )
    assert out.tier == "minimal"
    assert "L7" in out.charter_differs


def test_investigation_leads_without_profiling_are_not_listed():
    """Finding leads in investigation data without profiling people is not an Annex III 6 use;
    only 6(c) evidence and 6(e) profiling are (LEGAL L9)."""
    out = outcome(
        {
            **AI,
            "personal_data": "yes",
            "law_enforcement": "yes",
            "annex3_p6": ("investigation_leads",),
        },
        ON_BEHALF,
    )
    assert out.tier == "minimal"
    assert "L9" in out.charter_differs


def test_face_scraping_database_is_prohibited():
    """Untargeted scraping of facial images: Art. 5(1)(e)."""
    assert outcome({**AI, "p_face_scraping": "yes"}).tier == "prohibited"


def test_social_scoring_is_prohibited_for_private_actors_too():
    """Art. 5(1)(c) applies to private and public actors."""
    assert outcome({**AI, "p_social_scoring": "yes"}).tier == "prohibited"


def test_manipulation_is_prohibited_though_the_charter_omits_it():
    """Art. 5(1)(a), missing from the Charter's list (LEGAL C1)."""
    out = outcome({**AI, "p_manipulation": "yes"})
    assert out.tier == "prohibited"
    assert "C1" in out.charter_differs


def test_biometric_categorisation_by_race_is_prohibited_without_the_age_review():
    """Art. 5(1)(g), which the Charter misstates (LEGAL C2). The 'age or sex under Annex III
    1(b)' question is not this case's: no review about it."""
    out = outcome(
        {
            **AI,
            "bio_uses": "yes",
            "bio_categorisation": "sensitive",
            "bio_categorisation_exempt": "no",
        }
    )
    assert out.tier == "prohibited"
    assert "C2" in out.charter_differs
    assert "age or sex" not in reviews(out)


def test_categorisation_by_age_is_listed_with_review():
    """Age or sex as a 'protected' trait under Annex III 1(b) is unsettled: listed meanwhile and
    marked for review; people exposed are told (Art. 50(3))."""
    out = outcome({**AI, "bio_uses": "yes", "bio_categorisation": "protected"})
    assert out.tier == "high"
    assert "age or sex" in reviews(out)
    assert "emotion_categorisation_notice" in legal(out)


# -- Art. 5(1)(ba)-(bb): the bans added by Reg. (EU) 2026/1744 ---------------------------------


GENERATOR = {**AI, "personal_data": "yes", "t_generates": "yes"}


def test_generic_image_tool_used_for_training_material_is_not_banned():
    """A deployer is banned only when it uses the system for that purpose (Art. 5(1a)(b)); a
    general image tool that could be misused is not a banned use."""
    out = outcome({**GENERATOR, "p_intimate_use": "no"})
    assert out.tier != "prohibited"


def test_using_a_generator_for_intimate_deep_fakes_is_banned_from_december_2026():
    """Art. 5(1)(ba) with 5(1a)(b): banned from 2 December 2026 (Art. 113(a) as replaced by
    Reg. (EU) 2026/1744); the ban does not exist in the original text."""
    out = outcome({**GENERATOR, "p_intimate_use": "yes"})
    assert out.tier == "prohibited"
    stop = obligation(out, "prohibited_do_not_buy")
    assert stop.applies_from.isoformat() == "2026-12-02"
    note = date_note(charter(), stop.milestone, "original")
    assert note is not None and note.date is None
    assert "not in the original text" in note.text()


def test_supplying_a_generator_without_safeguards_is_banned():
    """A provider whose generator foreseeably and reproducibly produces child sexual abuse
    material without reasonable safeguards: Art. 5(1)(bb) with 5(1a)(a)(ii)."""
    out = outcome({**GENERATOR, "activities": ("develop",), "p_intimate_supply": "yes"})
    assert out.tier == "prohibited"
    assert "p_intimate_use" not in out.visible


# -- Roles: who does what with the system (Art. 3(3)-(7), 23-25) --------------------------------


def test_in_house_development_for_own_use_makes_a_provider_and_deployer():
    """Developed and used in-house: provider by putting into service for own use (Art. 3(3),
    3(11)) and deployer (Art. 3(4)), whatever the tier."""
    out = outcome({**AI, "activities": ("use", "develop"), "personal_data": "no"})
    assert out.tier == "minimal"
    assert out.roles == ["provider", "deployer"] and out.role == "provider"


def test_a_firm_that_only_supplies_a_system_gets_no_deployer_duties():
    """An integrator that develops a recruitment screener and licenses it to others, without
    using it: provider duties (Art. 16) and no Art. 26 or 27 duty, which bind its clients."""
    out = outcome({**RECRUITING, "activities": ("develop",), "gpai_model": "no"})
    assert out.roles == ["provider"]
    assert legal(out) >= PROVIDER_DUTIES
    assert not legal(out) & {*DEPLOYER_DUTIES, "fria", "inform_workers", "dpia"}
    assert out.fria == "not_applicable"
    assert "workers_affected" not in out.visible
    assert "provider_not_user" in notices(out)


def test_a_firm_that_supplies_and_uses_a_system_gets_both_sets():
    """Provider (Art. 3(3)) and deployer (Art. 3(4)) at once: Art. 16 and Art. 26 duties both."""
    out = outcome({**RECRUITING, "activities": ("use", "develop"), "gpai_model": "no"})
    assert out.roles == ["provider", "deployer"]
    assert legal(out) >= PROVIDER_DUTIES | DEPLOYER_DUTIES
    assert {o.actor for o in out.obligations if o.id in PROVIDER_DUTIES} == {("provider",)}


def test_importer_of_a_high_risk_system_checks_conformity():
    """Bringing a non-EU provider's face-matching system onto the EU market: importer duties
    (Art. 23), none of the deployer's."""
    out = outcome({**FACE_POST, "activities": ("import",)})
    assert out.roles == ["importer"]
    assert {"importer_verify", "importer_duties"} <= legal(out)
    assert not legal(out) & DEPLOYER_DUTIES
    assert "two_person_verification" not in legal(out)


def test_alarm_installer_distributing_a_high_risk_system():
    """An installer that sells another provider's high-risk system to clients: distributor
    duties (Art. 24)."""
    out = outcome({**FACE_POST, "activities": ("distribute",)})
    assert out.roles == ["distributor"]
    assert {"distributor_verify", "distributor_duties"} <= legal(out)


def test_distributor_putting_its_name_on_a_high_risk_system_becomes_its_provider():
    """Art. 25(1)(a): a distributor that rebrands a high-risk system is its provider too."""
    out = outcome({**FACE_POST, "activities": ("rebrand", "distribute")})
    assert out.roles == ["provider", "distributor"] and out.role == "provider"
    assert "provider_requirements" in legal(out)


def test_importer_of_a_minimal_risk_system_has_no_ai_act_duty():
    """Importers' duties (Art. 23) and AI literacy (Art. 4, providers and deployers only) do not
    reach the importer of a system that is not high-risk."""
    out = outcome({**AI, "activities": ("import",), "personal_data": "no"})
    assert out.roles == ["importer"]
    assert legal(out) == set()


def test_general_purpose_model_provider_gets_arts_53_and_55():
    """A firm that develops a general-purpose model with systemic risk: Art. 53 and Art. 55
    from 2 August 2025 (Art. 113(b)); the Charter does not cover it."""
    out = outcome({**AI, "activities": ("develop",), "gpai_model": "systemic"})
    assert {"gpai_documentation", "gpai_systemic"} <= legal(out)
    assert obligation(out, "gpai_documentation").applies_from.isoformat() == "2025-08-02"
    assert "gpai_not_in_charter" in notices(out)


def test_own_name_on_high_risk_system_makes_a_provider():
    """Rebranding a high-risk system: Art. 25(1)(a); provider duties (Art. 16) and registration
    (Art. 49(1)) join the plan."""
    out = outcome({**RECRUITING, "activities": ("use", "rebrand")})
    assert out.role == "provider"
    assert "register_eu_database" in out.safeguards
    assert PROVIDER_DUTIES | {"provider_registration"} <= legal(out)


def test_substantial_modification_makes_a_provider():
    """Art. 25(1)(b) with Art. 3(23)."""
    out = outcome({**RECRUITING, "role_modification": "substantial"})
    assert out.role == "provider"


def test_configuration_within_instructions_keeps_deployer():
    """Configuring within the instructions is not a substantial modification (Art. 3(23))."""
    out = outcome({**RECRUITING, "role_modification": "none"})
    assert out.roles == ["deployer"]


def test_changed_purpose_to_annex_iii_makes_a_provider():
    """A general analytics tool turned to evaluating workers: Art. 25(1)(c)."""
    out = outcome(
        {
            **AI,
            "personal_data": "yes",
            "annex3_areas": ("employment",),
            "annex3_p4": ("monitoring",),
            "role_purpose_changed": "yes",
        }
    )
    assert out.role == "provider"


def test_own_name_on_minimal_system_is_provider_pending_review():
    """Art. 25 is for high-risk systems only (LEGAL C12); own-brand supply may still make you a
    provider under Art. 3(3), flagged for review."""
    out = outcome({**AI, "personal_data": "no", "activities": ("use", "rebrand")})
    assert out.role == "provider"
    assert "putting your name" in reviews(out)


def test_modification_questions_only_for_high_risk_systems():
    """Art. 25(1)(b)-(c) matter only for high-risk systems: a minimal system does not ask."""
    out = outcome({**AI, "personal_data": "no"})
    assert "role_modification" not in out.visible and "role_purpose_changed" not in out.visible


# -- Questions asked where they belong: the system, with the organisation as its default -------


def test_public_service_is_asked_per_system_with_the_organisation_as_default():
    """A contractor of the city: its systems start from 'on behalf of a public authority'
    (Art. 49(3), 27(1)); the answer is taken, not asked, and the trail says so."""
    out = outcome(RECRUITING, ON_BEHALF)
    assert out.defaulted["public_use"] == ("on_behalf",)
    assert "public_use" not in out.unanswered
    assert out.fria == "mandatory"
    assert "register_use" in legal(out)
    fria = next(r for r in out.reasons if r.subject.id == "fria")
    assert any(a.question == "public_use" and a.defaulted for a in fria.answers)


def test_an_unsure_organisation_answer_carries_its_review_into_the_default():
    """'Unsure' whether the firm provides public services: its systems take the stricter reading
    (public service, so a FRIA, Art. 27(1)) and each verdict resting on it is marked for review."""
    out = outcome(
        RECRUITING,
        {"org_public_body": "no", "org_public_service": "unsure", "org_on_behalf_public": "no"},
    )
    assert out.defaulted["public_use"] == ("public_service",)
    assert out.fria == "mandatory"
    assert any(r.question == "org_public_service" for r in out.needs_review)


def test_a_private_system_of_a_public_contractor_needs_no_fria():
    """The same contractor's system for a private client: answered per system, so no FRIA
    duty (Art. 27(1)) and no registration of use (Art. 49(3))."""
    out = outcome({**RECRUITING, "public_use": ("none",)}, ON_BEHALF)
    assert out.fria == "recommended"
    assert "register_use" not in legal(out)


def test_a_public_service_provider_gets_a_fria_for_its_other_systems_too_pending_review():
    """Art. 27(1) names private entities providing public services by what they are: a system
    the firm says is not used for its public services still gets the stricter reading (FRIA),
    marked for review."""
    out = outcome(
        {**RECRUITING, "public_use": ("none",)},
        {"org_public_body": "no", "org_public_service": "yes", "org_on_behalf_public": "no"},
    )
    assert out.fria == "mandatory"
    assert "by what they are" in next(r.text for r in out.reasons if r.subject.id == "fria")
    assert "Art. 27(1) binds private entities providing public services" in reviews(out)


def test_a_public_law_body_that_is_not_an_authority_is_reviewed_on_registration():
    """Art. 27(1) names bodies governed by public law, but Arts. 26(8) and 49(3) name public
    authorities: the FRIA is due, registration is the stricter reading, marked for review."""
    out = outcome({**RECRUITING, "public_use": ("public_law_body",)}, PRIVATE)
    assert out.fria == "mandatory"
    assert {"register_use", "use_registered_only"} <= legal(out)
    assert "name public authorities" in reviews(out)


def test_a_public_authority_is_bound_by_what_it_is_whatever_the_system_is_for():
    """Arts. 26(8), 27(1) and 49(3) name public authorities as deployers by what they are: a
    city using a system for its own staff, answered 'not for a public body', keeps the FRIA,
    the registration of use and the registered-systems-only duty."""
    out = outcome({**RECRUITING, "public_use": ("none",)}, PUBLIC_BODY)
    assert out.fria == "mandatory"
    assert {"register_use", "use_registered_only"} <= legal(out)


def test_only_public_authorities_are_barred_from_unregistered_systems():
    """Art. 26(8) binds public authorities and Union bodies, never a contractor acting for them:
    legal for the city, a recommendation for its contractor."""
    city = outcome(RECRUITING, PUBLIC_BODY)
    contractor = outcome(RECRUITING, ON_BEHALF)
    assert "use_registered_only" in legal(city)
    assert "use_registered_only" in recommended(contractor)


def test_guards_posted_at_a_client_site_are_the_firms_own_workers():
    """Art. 26(7) binds the deployer that employs the affected workers: the guarding firm for
    its own guards, wherever posted."""
    out = outcome(
        {
            **AI,
            "personal_data": "yes",
            "annex3_areas": ("employment",),
            "annex3_p4": ("monitoring",),
            "workers_affected": ("own_staff",),
        }
    )
    assert "inform_workers" in legal(out)


def test_a_clients_workers_get_a_recommendation_not_a_duty():
    """A client's shop staff under a system the firm runs: the firm is not their employer, so
    Art. 26(7) does not bind it; the plan recommends making sure the client informs them."""
    out = outcome({**FACE_POST, "law_enforcement": "no", "workers_affected": ("client_staff",)})
    assert "inform_workers" not in legal(out)
    assert "client_informs_workers" in recommended(out)
    assert "inform_workers_representatives" not in out.safeguards


# -- Biometrics: the answers a real firm needs --------------------------------------------------


def test_door_that_matches_a_person_who_presents_themselves_is_not_high_risk():
    """One-to-many matching of a person who actively presents themselves, only to open a gate:
    not remote identification (Art. 3(41)), access to premises outside Annex III 1(a)
    (Recitals 15, 54); GDPR Art. 9 applies; the point is marked for review."""
    out = outcome({**AI, "personal_data": "yes", "bio_uses": "yes", "bio_identification": "door"})
    assert out.tier == "minimal"
    assert "gdpr_biometrics" in legal(out)
    assert "door_matching" in notices(out)
    assert "door or gate" in reviews(out)


def test_private_watch_list_of_offenders_is_criminal_offence_data():
    """A shoplifter ban list: high-risk (Annex III 1(a)) and criminal-offence data that a
    private firm may process only where law allows (GDPR Art. 10)."""
    out = outcome({**FACE_POST, "law_enforcement": "no", "bio_watchlist": "offenders"})
    assert {"gdpr_criminal_data", "gdpr_biometrics"} <= legal(out)


def test_gdpr_article_9_only_for_biometric_data_that_identifies():
    """Emotion recognition of visitors reads biometric data but does not identify them: GDPR
    Art. 9(1) covers biometric data used to identify a person, so no Art. 9 duty here."""
    out = outcome({**EMOTION, "bio_emotion_setting": ("other",)})
    assert "gdpr_biometrics" not in legal(out)
    assert "gdpr" in legal(out)


# -- Scope and time: Art. 2 exclusions, Art. 111 legacy systems --------------------------------


def test_exclusively_military_use_is_outside_the_act():
    """Art. 2(3): systems used exclusively for military, defence or national security are not
    covered: no tier duties, no role."""
    out = outcome({"infers": "yes", "scope_exclusion": "military", "personal_data": "no"})
    assert out.tier == "out_of_scope"
    assert out.roles == [] and out.role == "none"
    assert out.obligations == []


def test_research_before_the_market_is_outside_the_act():
    """Art. 2(8): research, testing and development before placing on the market or putting
    into service; testing in real-world conditions is covered (Art. 60)."""
    out = outcome({"infers": "yes", "scope_exclusion": "research", "personal_data": "no"})
    assert out.tier == "out_of_scope"
    reason = next(r for r in out.reasons if r.subject.id == "in_scope")
    assert "Art. 60" in reason.basis


def test_legacy_system_unchanged_is_bound_only_once_changed():
    """Art. 111(2) as replaced by Reg. (EU) 2026/1744: a high-risk type and model in service
    before the high-risk rules apply, and unchanged since, is not bound by them; the Charter's
    recommendations stay."""
    out = outcome({**FACE_POST, "law_enforcement": "no", "legacy": "unchanged"}, PRIVATE)
    assert out.tier == "high"
    assert out.facts["hr_regime"] == "legacy"
    assert not legal(out) & DEPLOYER_DUTIES
    assert "use_per_instructions" in recommended(out)
    assert out.safeguards == []


def test_legacy_system_for_a_public_authority_complies_by_2030():
    """Art. 111(2): systems intended for public authorities comply by 2 August 2030 in any
    case."""
    out = outcome({**POLICE_FOOTAGE, "legacy": "unchanged"}, ON_BEHALF)
    assert out.facts["hr_regime"] == "full"
    assert obligation(out, "keep_logs").applies_from.isoformat() == "2030-08-02"


def test_legacy_system_changed_in_design_gets_the_full_regime():
    """Art. 111(2): a significant change in design after the date brings the full regime."""
    out = outcome({**FACE_POST, "law_enforcement": "no", "legacy": "changed"})
    assert obligation(out, "keep_logs").applies_from.isoformat() == "2027-12-02"


# -- Annex I Section B (Art. 2(2) as replaced by Reg. (EU) 2026/1744) ---------------------------


def test_security_robot_is_machinery_in_section_b():
    """Machinery moved to Annex I Section B (Reg. (EU) 2026/1744, Art. 1(41)): only Art. 6(1),
    60a and 102-112 apply, so no Art. 4 duty (AI literacy stays a Charter recommendation) and
    no Art. 50 duty."""
    out = outcome(
        {
            **AI,
            "personal_data": "yes",
            "annex1_product": "machinery",
            "annex1_third_party": "yes",
            "t_interacts": "yes",
        }
    )
    assert out.tier == "high" and out.facts["annex1"] == "section_b"
    assert "ai_literacy" in recommended(out)
    assert "ai_interaction_notice" not in {o.id for o in out.obligations}
    assert out.facts["transparency"] == "no"


def test_rebranding_a_section_b_drone_does_not_make_an_ai_act_provider():
    """Art. 25 does not apply to Section B products (Art. 2(2)); the product's own law decides
    who its manufacturer is: say so."""
    out = outcome(
        {
            **AI,
            "activities": ("use", "rebrand"),
            "personal_data": "yes",
            "annex1_product": "drone",
            "annex1_third_party": "yes",
        }
    )
    assert out.roles == ["deployer"]
    assert "section_b_own_name" in notices(out)


# -- Citations ----------------------------------------------------------------------------------


def test_provider_citations_follow_article_16():
    """Corrective action is Art. 16(j) with Art. 20; the name on the system is 16(b), the logs
    16(e) with Art. 19, accessibility 16(l)."""
    out = outcome({**RECRUITING, "activities": ("develop",), "gpai_model": "no"})
    bases = {o.id: o.basis for o in out.obligations}
    assert bases["provider_post_market"].startswith("Art. 16(j); Art. 20")
    assert "16(k)" not in bases["provider_post_market"]
    assert bases["provider_identification"] == "Art. 16(b)"
    assert bases["provider_logs"] == "Art. 16(e); Art. 19"
    assert bases["provider_accessibility"].startswith("Art. 16(l)")


def test_explanations_of_art_86_do_not_cover_critical_infrastructure():
    """Art. 86(1) excludes Annex III point 2: the duty to tell people (Art. 26(11)) stays."""
    out = outcome(
        {
            **AI,
            "personal_data": "yes",
            "annex3_areas": ("critical_infrastructure",),
            "annex3_p2": ("safety_component",),
            "decisions_about_people": "yes",
        }
    )
    assert obligation(out, "inform_affected_people").basis == "Art. 26(11)"


def test_law_enforcement_processing_cites_the_law_enforcement_directive():
    """For law enforcement the GDPR gives way to Directive (EU) 2016/680: Art. 10 for biometric
    data, Art. 13 for informing people, Art. 27 for the DPIA (AI Act Art. 26(9), 26(11))."""
    out = outcome({**POLICE_FOOTAGE, "decisions_about_people": "yes"}, ON_BEHALF)
    ids = legal(out)
    assert {"led", "led_biometrics"} <= ids
    assert not ids & {"gdpr", "gdpr_biometrics"}
    assert "2016/680 Art. 27" in obligation(out, "dpia").basis
    assert "2016/680 Art. 13" in obligation(out, "inform_affected_people").basis
    assert "Art. 86" in obligation(out, "inform_affected_people").basis
    assert "L15" in out.charter_differs


def test_serious_incidents_bind_the_deployer_under_art_26_not_73():
    """Art. 26(5): a deployer informs the provider first; Art. 73 applies to it only when the
    provider cannot be reached. Two-person verification also rests on Art. 26(1)."""
    out = outcome({**FACE_POST, "law_enforcement": "no"})
    assert "Art. 73" not in obligation(out, "serious_incidents").basis
    assert "cannot reach the provider" in obligation(out, "serious_incidents").reason
    assert "Art. 26(1)" in obligation(out, "two_person_verification").basis


def test_fines_list_all_three_levels_for_high_risk_duties():
    """Art. 99(4) for the high-risk and Art. 50 duties, 99(5) for incorrect information, with
    the SME (99(6)) and small mid-cap (99(6a)) caps."""
    out = outcome(RECRUITING)
    fines = next(n for n in out.notices if n.subject.id == "fines")
    assert {"Art. 99(4)", "Art. 99(5)", "Art. 99(6a)"} <= set(fines.basis)


# -- Transparency: a case only when a duty falls on this firm -----------------------------------


def test_chatbot_user_checks_the_providers_duty():
    """A customer chatbot: Art. 50(1) is the provider's duty; the deployer's plan has the item
    to check it, and the tier says whose duty it is."""
    out = outcome({**AI, "personal_data": "yes", "t_interacts": "yes"})
    assert_outcome(out, "transparency", "deployer", "not_applicable", [])
    assert obligation(out, "ai_interaction_notice").kind == "recommended"
    tier = next(r for r in out.reasons if r.subject.id == "tier")
    assert "binds its provider" in tier.text


def test_generator_used_internally_is_not_a_transparency_case():
    """Art. 50(2) marking binds the provider and Art. 50(4) only published deep fakes or
    public-interest text: a firm that drafts internal reports with a generator has no duty."""
    out = outcome({**GENERATOR, "t_deepfake": "no", "t_public_text": "no"})
    assert out.tier == "minimal"


def test_provider_of_a_generator_marks_its_output():
    """Art. 50(2): the provider marks synthetic content (systems on the market before August
    2026 had until 2 December 2026, Art. 111(4))."""
    out = outcome({**GENERATOR, "activities": ("develop",), "gpai_model": "no"})
    assert out.tier == "transparency" and out.facts["transparency"] == "provider"
    assert "content_marking" in legal(out)


def test_reseller_of_a_chatbot_has_no_transparency_duty():
    """Art. 50 binds providers and deployers; a distributor of a chatbot has none of its duties."""
    out = outcome(
        {**AI, "activities": ("distribute",), "personal_data": "no", "t_interacts": "yes"}
    )
    assert out.tier == "minimal"


def test_published_deepfake_training_video_needs_disclosure():
    """Deep fakes shown to the public: deployer disclosure under Art. 50(4)."""
    out = outcome({**GENERATOR, "personal_data": "no", "t_deepfake": "yes"})
    assert_outcome(out, "transparency", "deployer", "not_applicable", ["transparency_notice"])


# -- Dates with their provenance ----------------------------------------------------------------


def test_every_date_names_its_timeline_and_the_original_alongside():
    """Art. 113(c)(i) as replaced by Reg. (EU) 2026/1744: Annex III duties from 2 December
    2027, checked against the published text; originally 2 August 2026."""
    out = outcome(RECRUITING)
    keep_logs = obligation(out, "keep_logs")
    note = date_note(charter(), keep_logs.milestone, "amended")
    assert note is not None and note.verified
    assert note.text() == "2027-12-02 (as amended, verified; original text: 2026-08-02)"
    assert note.data()["dates"] == {"original": "2026-08-02", "amended": "2027-12-02"}
    # a date the AI Act does not set is shown with the law that sets it
    gdpr = date_note(charter(), obligation(out, "gdpr").milestone, "amended")
    assert gdpr is not None and gdpr.text() == "2018-05-25 (Regulation (EU) 2016/679, Art. 99(2))"


def test_the_not_ai_branch_points_to_the_gdpr():
    """Rules written entirely by people: not an AI system (Art. 3(1), Recital 12); GDPR pointer."""
    out = outcome({"infers": "no", "personal_data": "yes"})
    assert out.tier == "not_ai" and out.role == "none"
    assert out.ai_system is False
    assert legal(out) == {"gdpr"}
    assert "not_ai_gdpr" in notices(out)


# -- The decisive point: the verdict's basis and the headline warning ---------------------------


def test_a_private_watch_list_names_annex_iii_1a_and_warns_first():
    """A venue's own real-time watch list: high-risk because Annex III 1(a) lists remote
    biometric identification; the first warning is that it escapes Art. 5(1)(h) only because
    it is not law enforcement, and GDPR Art. 9 and national law may still forbid it. It comes
    before the milder notes (fines, dates)."""
    out = outcome({**FACE_POST, "law_enforcement": "no", "bio_realtime": "real_time"})
    assert out.basis == "Annex III 1(a)"
    assert out.headline.startswith("Art. 5(1)(h) bans only law-enforcement use")
    assert "GDPR Art. 9" in out.headline
    ids = [n.subject.id for n in out.notices]
    assert ids[0] == "private_realtime_rbi"
    assert ids.index("biometrics_permitted_by_law") < ids.index("fines")


def test_the_basis_is_the_exact_point_of_law():
    """Workplace emotion recognition: Art. 5(1)(f), not "Art. 5"; a recruitment screener:
    Annex III 4(a); a chatbot: Art. 50(1); minimal risk names no single article."""
    banned = outcome(
        {**EMOTION, "bio_emotion_setting": ("workplace",), "bio_emotion_medical_safety": "no"}
    )
    assert banned.basis == "Art. 5(1)(f)"
    assert outcome(RECRUITING).basis == "Annex III 4(a)"
    plain = outcome({**AI, "personal_data": "no"})
    assert plain.tier == "minimal" and plain.basis == "" and plain.headline == ""
