"""Worked cases from the Charter's own examples (Ch. I §IV, Ch. III), the prohibited practices,
provider flips, combined systems and law-enforcement uses. Each docstring names the article
that decides it. Unmentioned questions are answered the way a user would when they do not
apply ("no" / "none of these")."""

from __future__ import annotations

from helpers import outcome

AI = {"infers": "yes", "in_house": "no"}
PUBLIC_BODY = {"org_public_body": "yes"}
ON_BEHALF = {"org_public_body": "no", "org_public_service": "no", "org_on_behalf_public": "yes"}


def assert_outcome(out, tier, role, fria, safeguards):
    assert (out.tier, out.role, out.fria) == (tier, role, fria), out.reasons
    assert sorted(out.safeguards) == sorted(safeguards)


def legal(out):
    return {o.id for o in out.obligations if o.kind == "legal"}


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
    out = outcome(
        {
            **AI,
            "personal_data": "yes",
            "bio_uses": "yes",
            "bio_identification": "identification",
            "bio_realtime": "post",
            "bio_public_space": "yes",
        }
    )
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
    out = outcome(
        {
            **AI,
            "personal_data": "yes",
            "law_enforcement": "no",
            "bio_uses": "yes",
            "bio_identification": "identification",
            "bio_realtime": "post",
            "bio_public_space": "yes",
        }
    )
    assert_outcome(
        out,
        "high",
        "deployer",
        "recommended",
        ["two_person_verification", "log_retention_6_months", "annual_report_authorities"],
    )
    assert "post_remote_biometric_authorisation" not in out.safeguards
    assert any("26(10)" in r.text for r in out.needs_review)


def test_post_remote_identification_on_behalf_of_police():
    """Post-remote identification in a police investigation: 48-hour authorisation and annual
    reports (Art. 26(10)); registration by those acting on behalf of public authorities
    (Art. 49(3)); FRIA treated as mandatory pending review (Art. 27(1))."""
    out = outcome(
        {
            **AI,
            "personal_data": "yes",
            "law_enforcement": "yes",
            "bio_uses": "yes",
            "bio_identification": "identification",
            "bio_realtime": "post",
            "bio_public_space": "yes",
            "annex3_p6": ("none",),
        },
        ON_BEHALF,
    )
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
    assert any("private entity providing public services" in r.text for r in out.needs_review)


def test_realtime_identification_for_a_venue_watch_list_is_high_risk_not_prohibited():
    """A private venue's own watch list in real time: Art. 5(1)(h) covers law enforcement only,
    so it is high-risk under Annex III 1(a), and the Charter's reading differs (LEGAL C5)."""
    out = outcome(
        {
            **AI,
            "personal_data": "yes",
            "law_enforcement": "no",
            "bio_uses": "yes",
            "bio_identification": "identification",
            "bio_realtime": "real_time",
            "bio_public_space": "yes",
        }
    )
    assert_outcome(
        out,
        "high",
        "deployer",
        "recommended",
        ["two_person_verification", "log_retention_6_months"],
    )
    assert "C5" in out.charter_differs
    assert any(n.conclusion == "notice:private_realtime_rbi" for n in out.notices)


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
    assert not legal(out) & {"use_per_instructions", "keep_logs", "human_oversight_assign"}
    assert {"C8", "C24"} <= set(out.charter_differs)


def test_autonomous_drone_is_section_b_from_2028():
    """A drone needing third-party assessment (Reg. 2018/1139): Annex I Section B (Art. 2(2));
    Art. 6(1) applies from 2 August 2028 as amended (reported), 2 August 2027 originally."""
    out = outcome(
        {**AI, "personal_data": "yes", "annex1_product": "drone", "annex1_third_party": "yes"}
    )
    assert out.tier == "high"
    sectoral = next(o for o in out.obligations if o.id == "sectoral_regime")
    assert sectoral.applies_from.isoformat() == "2028-08-02"


def test_wireless_device_is_section_a_full_regime():
    """An AI-enabled wireless device needing third-party assessment (Dir. 2014/53/EU, Annex I
    Section A): full deployer duties (Art. 26) from the Annex I date (Art. 113(c))."""
    out = outcome(
        {**AI, "personal_data": "no", "annex1_product": "radio", "annex1_third_party": "yes"}
    )
    assert_outcome(out, "high", "deployer", "recommended", ["log_retention_6_months"])
    keep_logs = next(o for o in out.obligations if o.id == "keep_logs")
    assert keep_logs.kind == "legal" and keep_logs.applies_from.isoformat() == "2028-08-02"


def test_wireless_device_self_assessed_is_not_high_risk():
    """Without third-party conformity assessment, Art. 6(1)(b) is not met (LEGAL C9)."""
    out = outcome(
        {**AI, "personal_data": "no", "annex1_product": "radio", "annex1_third_party": "no"}
    )
    assert out.tier == "minimal"


def test_recruitment_screening_is_high_risk():
    """CV filtering: Annex III 4(a); informing workers' representatives (Art. 26(7))."""
    out = outcome(
        {
            **AI,
            "personal_data": "yes",
            "workplace": "no",
            "annex3_areas": ("employment",),
            "annex3_p4": ("recruitment",),
        }
    )
    assert_outcome(
        out,
        "high",
        "deployer",
        "recommended",
        ["inform_workers_representatives", "log_retention_6_months"],
    )


def test_task_allocation_on_behaviour_is_high_risk():
    """Rostering based on individual performance: Annex III 4(b); inform workers before use
    (Art. 26(7)); tell the guards concerned (Art. 26(11))."""
    out = outcome(
        {
            **AI,
            "personal_data": "yes",
            "workplace": "yes",
            "decisions_about_people": "yes",
            "annex3_areas": ("employment",),
            "annex3_p4": ("tasks_traits",),
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
            "workplace": "yes",
            "annex3_areas": ("employment",),
            "annex3_p4": ("tasks_availability",),
        }
    )
    assert out.tier == "high"
    assert any("rostering" in r.text for r in out.needs_review)


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
    assert any("safety component" in r.text for r in out.needs_review)


def test_public_body_must_do_fria_and_register():
    """A body governed by public law using an Annex III system: FRIA mandatory (Art. 27(1)),
    registration before use (Art. 49(3), 26(8)), notification of the FRIA (Art. 27(3))."""
    out = outcome(
        {
            **AI,
            "personal_data": "yes",
            "annex3_areas": ("employment",),
            "annex3_p4": ("recruitment",),
        },
        PUBLIC_BODY,
    )
    assert out.fria == "mandatory"
    assert "register_eu_database" in out.safeguards
    assert {"fria", "fria_notify", "use_registered_only"} <= legal(out)


def test_credit_scoring_fria_mandatory_for_any_deployer():
    """Annex III 5(b): every deployer, public or private, does a FRIA (Art. 27(1))."""
    out = outcome(
        {
            **AI,
            "personal_data": "yes",
            "annex3_areas": ("essential_services",),
            "annex3_p5": ("credit",),
        }
    )
    assert out.fria == "mandatory"


# -- Art. 6(3) ---------------------------------------------------------------------------------


def test_preparatory_task_without_profiling_is_not_high_risk():
    """Art. 6(3)(d) preparatory task and no profiling: not high-risk."""
    out = outcome(
        {
            **AI,
            "personal_data": "yes",
            "annex3_areas": ("employment",),
            "annex3_p4": ("recruitment",),
            "annex3_derogation": ("preparatory",),
            "annex3_profiling": "no",
        }
    )
    assert out.tier == "minimal"
    assert out.facts["derogation"] == "applies"


def test_profiling_overrides_the_derogation():
    """Art. 6(3) last subparagraph: an Annex III system that profiles people is always
    high-risk (LEGAL C7)."""
    out = outcome(
        {
            **AI,
            "personal_data": "yes",
            "annex3_areas": ("employment",),
            "annex3_p4": ("recruitment",),
            "annex3_derogation": ("preparatory",),
            "annex3_profiling": "yes",
        }
    )
    assert out.tier == "high"
    assert "C7" in out.charter_differs


# -- Prohibited practices (Art. 5) -------------------------------------------------------------


def test_emotion_recognition_at_the_workplace_is_prohibited():
    """Stress detection of control-room staff: Art. 5(1)(f); the plan becomes do not buy /
    discontinue / document; no high-risk duties are listed."""
    out = outcome(
        {
            **AI,
            "personal_data": "yes",
            "bio_uses": "yes",
            "bio_emotion": "emotions",
            "bio_emotion_setting": ("workplace",),
            "bio_emotion_medical_safety": "no",
        }
    )
    assert_outcome(out, "prohibited", "deployer", "not_applicable", [])
    assert {o.id for o in out.obligations} == {
        "prohibited_do_not_buy",
        "prohibited_discontinue",
        "prohibited_document",
    }


def test_emotion_recognition_at_work_for_safety_is_high_risk():
    """The medical or safety exception of Art. 5(1)(f): then high-risk (Annex III 1(c))."""
    out = outcome(
        {
            **AI,
            "personal_data": "yes",
            "bio_uses": "yes",
            "bio_emotion": "emotions",
            "bio_emotion_setting": ("workplace",),
            "bio_emotion_medical_safety": "yes",
        }
    )
    assert out.tier == "high"
    assert "transparency_notice" in out.safeguards


def test_realtime_identification_for_police_without_exception_is_prohibited():
    """Real-time RBI in public for law enforcement with no listed objective: Art. 5(1)(h)."""
    out = outcome(
        {
            **AI,
            "law_enforcement": "yes",
            "personal_data": "yes",
            "bio_uses": "yes",
            "bio_identification": "identification",
            "bio_realtime": "real_time",
            "bio_public_space": "yes",
            "rbi_objective": "none",
        }
    )
    assert_outcome(out, "prohibited", "deployer", "not_applicable", [])


def test_realtime_identification_for_police_with_authorised_exception():
    """A targeted search for a missing person under national law with prior authorisation:
    Art. 5(1)(h)(i), 5(2)-(3); FRIA before use (Art. 5(2)); high-risk Annex III 1(a)."""
    out = outcome(
        {
            **AI,
            "law_enforcement": "yes",
            "personal_data": "yes",
            "bio_uses": "yes",
            "bio_identification": "identification",
            "bio_realtime": "real_time",
            "bio_public_space": "yes",
            "rbi_objective": "victims",
            "rbi_authorised": "yes",
            "annex3_p6": ("none",),
        },
        ON_BEHALF,
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


def test_crime_prediction_solely_by_profiling_is_prohibited():
    """Art. 5(1)(d): prediction of offending based solely on profiling."""
    out = outcome({**AI, "p_crime_risk": "yes", "p_crime_solely_profiling": "yes"})
    assert out.tier == "prohibited"
    assert "C4" in out.charter_differs


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


def test_biometric_categorisation_by_race_is_prohibited():
    """Art. 5(1)(g), which the Charter misstates (LEGAL C2)."""
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


# -- Provider flips (Art. 3(3), Art. 25) -------------------------------------------------------


def test_in_house_development_makes_a_provider():
    """Developed and used in-house: provider under Art. 3(3) and 3(11), whatever the tier."""
    out = outcome({"infers": "yes", "in_house": "yes", "personal_data": "no"})
    assert_outcome(out, "minimal", "provider", "not_applicable", [])


def test_own_name_on_high_risk_system_makes_a_provider():
    """Rebranding a high-risk system: Art. 25(1)(a); provider duties (Art. 16) and registration
    (Art. 49(1)) join the plan."""
    out = outcome(
        {
            **AI,
            "personal_data": "yes",
            "annex3_areas": ("employment",),
            "annex3_p4": ("recruitment",),
            "role_own_name": "yes",
        }
    )
    assert out.role == "provider"
    assert "register_eu_database" in out.safeguards
    assert {"provider_requirements", "provider_conformity", "provider_quality_system"} <= legal(out)


def test_substantial_modification_makes_a_provider():
    """Art. 25(1)(b) with Art. 3(23)."""
    out = outcome(
        {
            **AI,
            "personal_data": "yes",
            "annex3_areas": ("employment",),
            "annex3_p4": ("monitoring",),
            "role_modification": "substantial",
        }
    )
    assert out.role == "provider"


def test_configuration_within_instructions_keeps_deployer():
    """Configuring within the instructions is not a substantial modification (Art. 3(23))."""
    out = outcome(
        {
            **AI,
            "personal_data": "yes",
            "annex3_areas": ("employment",),
            "annex3_p4": ("monitoring",),
            "role_modification": "none",
        }
    )
    assert out.role == "deployer"


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
    """Art. 25 is for high-risk systems only (LEGAL C12); own-brand use may still make you a
    provider under Art. 3(3), flagged for review."""
    out = outcome({**AI, "personal_data": "no", "role_own_name": "yes"})
    assert out.role == "provider"
    assert any("own-brand" in r.text for r in out.needs_review)


# -- Transparency (Art. 50) and the not-AI branch ----------------------------------------------


def test_chatbot_is_transparency_tier():
    """A customer chatbot: Art. 50(1) is the provider's duty; the deployer checks it."""
    out = outcome({**AI, "personal_data": "yes", "t_interacts": "yes", "t_generates": "no"})
    assert_outcome(out, "transparency", "deployer", "not_applicable", [])
    interaction = next(o for o in out.obligations if o.id == "ai_interaction_notice")
    assert interaction.kind == "recommended"


def test_published_deepfake_training_video_needs_disclosure():
    """Deep fakes shown to the public: deployer disclosure under Art. 50(4)."""
    out = outcome(
        {
            **AI,
            "personal_data": "no",
            "t_interacts": "no",
            "t_generates": "yes",
            "t_deepfake": "yes",
            "t_public_text": "no",
        }
    )
    assert_outcome(out, "transparency", "deployer", "not_applicable", ["transparency_notice"])


def test_rule_based_system_is_not_ai_with_gdpr_pointer():
    """Rules written entirely by people: not an AI system (Art. 3(1), Recital 12); GDPR pointer."""
    out = outcome({"infers": "no", "personal_data": "yes"})
    assert_outcome(out, "not_ai", "deployer", "not_applicable", [])
    assert out.ai_system is False
    assert legal(out) == {"gdpr"}
    assert any(n.conclusion == "notice:not_ai_gdpr" for n in out.notices)
