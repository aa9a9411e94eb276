"""Interchange document → store, all or nothing: one transaction, rolled back on any error."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from lscp_desktop.cases import rules as case_rules
from lscp_desktop.cases.children import ChildEntry, apply_children
from lscp_desktop.interchange.approved_content import (
    ApprovedMeeting,
    approved_meetings,
    refuse_changed,
)
from lscp_desktop.interchange.document import FORMAT, READABLE_VERSIONS, InterchangeError
from lscp_desktop.interchange.reader import Reader
from lscp_desktop.interchange.version_one import upgrade_case
from lscp_desktop.meeting.approved_deadlines import from_json, to_text
from lscp_desktop.models import (
    Action,
    ActionNote,
    Addendum,
    Agency,
    Attendance,
    Case,
    CaseLink,
    CaseTheme,
    Contribution,
    Cspr,
    CsprProgress,
    Decision,
    JointReview,
    KeyPracticeEpisode,
    LearningSheet,
    Meeting,
    MinuteItem,
    ParallelProcess,
    Person,
    Recipient,
    ReviewCriterion,
    ReviewOutcome,
    SignOff,
    StepTime,
    Theme,
)
from lscp_desktop.models.enums import (
    AbuseOrNeglect,
    ActionStatus,
    AttendanceStatus,
    CaseKind,
    CaseStatus,
    CsprCriterion,
    DecisionOutcome,
    Harm,
    JointReviewKind,
    LegalStatus,
    MeetingKind,
    MeetingStatus,
    NationalReviewView,
    Opinion,
    PanelResponse,
    ParallelProcessKind,
    ReviewRecommendation,
)


@dataclass
class ImportResult:
    references: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def parse_document(text: str) -> Any:
    """JSON text → Python value; malformed JSON is reported with its line and column."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise InterchangeError(
            f"line {error.lineno}, column {error.colno}: not valid JSON ({error.msg})"
        ) from None
    except RecursionError:
        raise InterchangeError("the JSON is nested too deeply to be an LSCP Desktop file") from None


def import_document(session: Session, document: Any, *, replace: bool = False) -> ImportResult:
    """Add every case in `document` to the session; raises InterchangeError naming the place.

    The caller owns the transaction: on an error nothing it flushed may be committed.
    """
    result = ImportResult()
    top = Reader(document, "", result.warnings)
    if top.raw("format") != FORMAT:
        raise InterchangeError(f"format: expected {FORMAT!r}, found {top.raw('format')!r}")
    version = top.raw("version")
    if version not in READABLE_VERSIONS or isinstance(version, bool):
        readable = " and ".join(str(number) for number in READABLE_VERSIONS)
        raise InterchangeError(
            f"version: this version of LSCP Desktop reads version {readable} files, "
            f"found {version!r}"
        )
    if not isinstance(top.raw("cases"), list):
        raise InterchangeError('cases: the document has no "cases" list')
    if version == 1:
        document = {**document, "cases": [upgrade_case(case) for case in document["cases"]]}
        top = Reader(document, "", result.warnings)
        top.raw("format"), top.raw("version")
    cases = top.objects("cases")
    top.finish()
    _Importer(session, result, replace=replace).run(cases)
    return result


class _Importer:
    def __init__(self, session: Session, result: ImportResult, *, replace: bool) -> None:
        self.session = session
        self.result = result
        self.replace = replace
        self.today = dt.date.today()
        self.agencies = {a.name: a for a in session.scalars(select(Agency))}
        self.people = {p.name: p for p in session.scalars(select(Person))}
        self.themes = {t.name: t for t in session.scalars(select(Theme))}

    # --- names that stand for records --------------------------------------------------
    def agency(self, name: str) -> Agency | None:
        if not name:
            return None
        if name not in self.agencies:
            self.agencies[name] = Agency(name=name)
            self.session.add(self.agencies[name])
        return self.agencies[name]

    def person(self, name: str) -> Person | None:
        if not name:
            return None
        if name not in self.people:
            self.people[name] = Person(name=name)
            self.session.add(self.people[name])
        return self.people[name]

    def theme(self, name: str) -> Theme:
        if name not in self.themes:
            self.themes[name] = Theme(name=name)
            self.session.add(self.themes[name])
        return self.themes[name]

    # --- the document ------------------------------------------------------------------
    def run(self, cases: list[Reader]) -> None:
        # References are compared as case_rules compares them: "lscp-1" is "LSCP-1".
        stored = {ref.casefold(): ref for ref in self.session.scalars(select(Case.reference))}
        seen_references: dict[str, str] = {}
        seen_meetings: dict[str, str] = {}
        for reader in cases:
            reference = reader.text("reference", required=True)
            problems = case_rules.reference_problems(reference)
            if problems:
                raise reader.fail("reference", problems[0].message)
            key = reference.strip().casefold()
            if key in seen_references:
                raise reader.fail(
                    "reference",
                    f"{reference!r} appears twice (also at {seen_references[key]})",
                )
            seen_references[key] = reader.at("reference")
            approved: list[ApprovedMeeting] = []
            if key in stored:
                if not self.replace:
                    raise reader.fail(
                        "reference",
                        f"case {stored[key]!r} is already in the database "
                        "(use --replace to replace it wholesale)",
                    )
                existing = self.session.scalars(
                    select(Case).where(Case.reference == stored[key])
                ).one()
                approved = approved_meetings(existing)
                self.session.delete(existing)
                self.session.flush()
                self.result.replaced.append(stored[key])
            case = self.case(reader, reference, seen_meetings)
            refuse_changed(reference, approved, case)
            self.session.add(case)
            self.result.references.append(reference)
        self.session.flush()

    def case(self, r: Reader, reference: str, seen_meetings: dict[str, str]) -> Case:
        agency = self.agency(r.text("referring_agency", required=True))
        criteria = r.obj("criteria")
        kind = r.enum("kind", CaseKind, CaseKind.SCSI)
        case = Case(
            reference=reference,
            kind=kind,
            referring_agency=agency,
            referral_received=r.date("referral_received"),
            la_aware=r.date("la_aware"),
            incident_date=r.optional_date("incident_date"),
            summary=r.text("summary"),
            status=r.enum("status", CaseStatus, CaseStatus.REFERRED),
            retrospective=r.boolean("retrospective"),
            chair_and_business_unit_told_on=r.optional_date("chair_and_business_unit_told_on"),
            partners_informed_on=r.optional_date("partners_informed_on"),
            incident_time=r.optional_text("incident_time"),
            incident_location=r.text("incident_location"),
            incident_area=r.text("incident_area"),
            outside_england=r.boolean("outside_england"),
            notified_on=r.optional_date("notified_on"),
            panel_reference=r.text("panel_reference"),
        )
        notifier = r.obj("notifier")
        if notifier is not None:
            case.notifier_name = notifier.text("name")
            case.notifier_role = notifier.text("role")
            case.notifier_email = notifier.text("email")
            case.notifier_phone = notifier.text("phone")
            notifier.finish()
        children = [self.child(child) for child in r.objects("children")]
        # The same rules as the case form (case_rules), so what one accepts the other does.
        problems = case_rules.children_problems(
            children, kind=kind, on=case.incident_date or case.la_aware, today=self.today
        )
        problems += case_rules.incident_time_problems(case.incident_time)
        problems += case_rules.notification_problems(case.notified_on, case.la_aware, self.today)
        problems += case_rules.date_problems(
            case_rules.CaseDates(
                incident_date=case.incident_date,
                la_aware=case.la_aware,
                referral_received=case.referral_received,
                chair_and_business_unit_told_on=case.chair_and_business_unit_told_on,
                partners_informed_on=case.partners_informed_on,
            ),
            self.today,
        )
        if problems:
            raise r.fail(problems[0].field, problems[0].message)
        apply_children(case, children)
        if criteria is not None:
            case.abuse_or_neglect = criteria.enum(
                "abuse_or_neglect", AbuseOrNeglect, AbuseOrNeglect.UNKNOWN
            )
            case.harm = criteria.enum("harm", Harm, Harm.UNKNOWN)
            case.abuse_or_neglect_evidence = criteria.text("abuse_or_neglect_evidence")
            case.harm_evidence = criteria.text("harm_evidence")
            criteria.finish()
        names = r.strings("themes")
        for index, name in enumerate(names):
            if name in names[:index]:
                raise r.fail(f"themes[{index}]", f"theme {name!r} is listed twice")
            case.case_themes.append(CaseTheme(theme=self.theme(name)))
        for link in r.objects("linked_cases"):
            case.links.append(
                CaseLink(
                    linked_reference=link.text("reference", required=True),
                    relation=link.text("relation"),
                )
            )
            link.finish()
        for process in r.objects("parallel_processes"):
            case.parallel_processes.append(
                ParallelProcess(
                    kind=process.enum("kind", ParallelProcessKind), notes=process.text("notes")
                )
            )
            process.finish()
        for meeting in r.objects("meetings"):
            case.meetings.append(self.meeting(meeting, seen_meetings, case.la_aware))
        cspr = r.obj("cspr")
        if cspr is not None:
            case.cspr = self.cspr(cspr)
        for joint in r.objects("joint_reviews"):
            case.joint_reviews.append(
                JointReview(
                    kind=joint.enum("kind", JointReviewKind),
                    partner_board=joint.text("partner_board", required=True),
                    started_on=joint.optional_date("started_on"),
                    completed_on=joint.optional_date("completed_on"),
                    notes=joint.text("notes"),
                )
            )
            joint.finish()
        r.skip("deadlines")  # computed: recalculated from the record, never imported
        r.finish()
        return case

    def cspr(self, c: Reader) -> Cspr:
        cspr = Cspr(
            commissioned_on=c.date("commissioned_on"),
            reviewers="\n".join(name.strip() for name in c.strings("reviewers")),
            terms_of_reference_on=c.optional_date("terms_of_reference_on"),
            final_report_on=c.optional_date("final_report_on"),
            sent_to_panel_on=c.optional_date("sent_to_panel_on"),
            published_on=c.optional_date("published_on"),
            not_published_reason=c.text("not_published_reason"),
        )
        if cspr.published_on is not None and cspr.published_on < cspr.commissioned_on:
            raise c.fail("published_on", "is before commissioned_on")
        for note in c.objects("progress"):
            cspr.progress.append(
                CsprProgress(
                    noted_on=note.date("noted_on"),
                    author=note.text("author"),
                    text=note.text("text"),
                    next_check_on=note.optional_date("next_check_on"),
                )
            )
            note.finish()
        c.finish()
        return cspr

    def child(self, c: Reader) -> ChildEntry:
        entry = ChildEntry(
            pseudonym=c.text("pseudonym", required=True),
            name=c.optional_text("name") or "",
            date_of_birth=c.optional_date("date_of_birth"),
            age=c.text("age"),
            sex=c.text("sex"),
            ethnicity=c.text("ethnicity"),
            disability=c.text("disability"),
            legal_status=c.enum("legal_status", LegalStatus, LegalStatus.UNKNOWN),
            home_authority=c.text("home_authority"),
            health=c.text("health"),
        )
        c.finish()
        return entry

    def meeting(self, r: Reader, seen: dict[str, str], la_aware: dt.date) -> Meeting:
        meeting_id = r.optional_text("id") or uuid.uuid4().hex
        if not meeting_id.strip() or len(meeting_id) > 64:
            raise r.fail("id", "must be 1 to 64 characters")
        if meeting_id in seen:
            raise r.fail(
                "id", f"meeting id {meeting_id!r} appears twice (also at {seen[meeting_id]})"
            )
        seen[meeting_id] = r.at("id")
        if self.session.get(Meeting, meeting_id) is not None:
            raise r.fail("id", f"meeting id {meeting_id!r} is already in the database")
        kind = r.enum("kind", MeetingKind)
        meeting = Meeting(
            id=meeting_id,
            kind=kind,
            held_at=r.minute("held_at"),
            location=r.text("location"),
            chair=self.person(r.text("chair")),
            minute_taker=self.person(r.text("minute_taker")),
            status=r.enum("status", MeetingStatus, MeetingStatus.PLANNED),
            current_step=r.text("current_step"),
            started_at=r.optional_second("started_at"),
            concluded_at=r.optional_second("concluded_at"),
            approved_by=r.optional_text("approved_by"),
            approved_at=r.optional_second("approved_at"),
        )
        deadlines = r.obj("approved_deadlines")
        if deadlines is not None:
            try:
                values = {key: deadlines.raw(key) for key in deadlines.fields()}
                meeting.approved_deadlines = to_text(from_json(values))
            except ValueError as error:
                raise deadlines.fail(*str(error).split(": ", 1)) from None
            if meeting.status is not MeetingStatus.APPROVED:
                raise r.fail("approved_deadlines", "only approved minutes keep their deadlines")
        for a in r.objects("attendees"):
            meeting.attendees.append(
                Attendance(
                    person=self.person(a.text("name", required=True)),
                    role=a.text("role"),
                    agency=self.agency(a.text("agency")),
                    status=a.enum("status", AttendanceStatus, AttendanceStatus.PRESENT),
                    deputy_for=a.optional_text("deputy_for"),
                    invited_professional=a.boolean("invited_professional"),
                )
            )
            a.finish()
        heard: set[str] = set()
        for c in r.objects("contributions"):
            agency_name = c.text("agency", required=True)
            if agency_name in heard:  # one view per agency: a second would count twice
                raise c.fail("agency", f"{agency_name!r} already gave its contribution")
            heard.add(agency_name)
            agency = self.agency(agency_name)
            meeting.contributions.append(
                Contribution(
                    agency=agency,
                    representative=self.person(c.text("representative")),
                    information=c.text("information"),
                    opinion=c.enum("opinion", Opinion, Opinion.UNDECIDED),
                    reasons=c.text("reasons"),
                )
            )
            c.finish()
        for m in r.objects("minutes"):
            meeting.minutes.append(MinuteItem(item=m.text("item"), text=m.text("text")))
            m.finish()
        for s in r.objects("step_times"):
            meeting.step_times.append(
                StepTime(step=s.text("step", required=True), seconds=s.integer("seconds"))
            )
            s.finish()
        for d in r.objects("distribution"):
            meeting.distribution.append(
                Recipient(name=d.text("name", required=True), email=d.text("email"))
            )
            d.finish()
        for add in r.objects("addenda"):
            added_at = add.optional_second("added_at")
            if added_at is None:
                raise add.fail("added_at", "is required (YYYY-MM-DDTHH:MM:SS)")
            meeting.addenda.append(
                Addendum(added_at=added_at, author=add.text("author"), text=add.text("text"))
            )
            add.finish()
        decision = r.obj("decision")
        if decision is not None:
            meeting.decision = self.decision(decision, la_aware)
        outcome = r.obj("review_outcome")
        if outcome is not None:
            if kind is not MeetingKind.RAPID_REVIEW:
                raise r.fail("review_outcome", "only a rapid_review meeting has a review outcome")
            meeting.review_outcome = self.review_outcome(outcome)
        sheet = r.obj("learning_sheet")
        if sheet is not None:
            meeting.learning_sheet = LearningSheet(
                title=sheet.text("title"),
                incident_summary=sheet.text("incident_summary"),
                good_practice=sheet.text("good_practice"),
                learning=sheet.text("learning"),
                do_differently=sheet.text("do_differently"),
                updated_at=sheet.optional_second("updated_at"),
            )
            sheet.finish()
        for action in r.objects("actions"):
            meeting.actions.append(self.action(action))
        r.finish()
        return meeting

    def decision(self, d: Reader, la_aware: dt.date) -> Decision:
        decided_on = d.date("decided_on")
        problems = case_rules.decision_date_problems(decided_on, la_aware, self.today)
        if problems:
            raise d.fail(problems[0].field, problems[0].message)
        decision = Decision(
            outcome=d.enum("outcome", DecisionOutcome),
            decided_by=self.person(d.text("decided_by")),
            decided_on=decided_on,
            rationale=d.text("rationale"),
            dissent=d.text("dissent"),
            dissent_considered=d.text("dissent_considered"),
            escalated=d.boolean("escalated"),
            escalation_notes=d.text("escalation_notes"),
            deferral_reason=d.text("deferral_reason"),
            post_meeting=d.boolean("post_meeting"),
            recorded_by=d.text("recorded_by"),
            recorded_at=d.optional_second("recorded_at"),
            notified_by=self.person(d.text("notified_by")),
            rationale_shared_on=d.optional_date("rationale_shared_on"),
        )
        d.finish()
        return decision

    def review_outcome(self, o: Reader) -> ReviewOutcome:
        outcome = ReviewOutcome(
            recommendation=o.optional_enum("recommendation", ReviewRecommendation),
            rationale=o.text("rationale"),
            decided_on=o.optional_date("decided_on"),
            submitted_to_panel_on=o.optional_date("submitted_to_panel_on"),
            panel_response=o.enum("panel_response", PanelResponse, PanelResponse.AWAITED),
            panel_response_on=o.optional_date("panel_response_on"),
            panel_comments=o.text("panel_comments"),
            resubmitted_to_panel_on=o.optional_date("resubmitted_to_panel_on"),
            inequalities=o.text("inequalities"),
            good_practice=o.text("good_practice"),
            learning=o.text("learning"),
            immediate_action=o.text("immediate_action"),
            national_review_view=o.enum(
                "national_review_view", NationalReviewView, NationalReviewView.UNDECIDED
            ),
            national_review_rationale=o.text("national_review_rationale"),
        )
        for episode in o.objects("key_practice_episodes"):
            outcome.episodes.append(
                KeyPracticeEpisode(
                    title=episode.text("title", required=True),
                    period=episode.text("period"),
                    agencies="\n".join(a.strip() for a in episode.strings("agencies")),
                    description=episode.text("description"),
                    analysis=episode.text("analysis"),
                )
            )
            episode.finish()
        for row in o.objects("sign_off"):
            outcome.sign_off.append(
                SignOff(
                    agency=row.text("agency", required=True),
                    name=row.text("name"),
                    role=row.text("role"),
                    signed_on=row.optional_date("signed_on"),
                )
            )
            row.finish()
        ticked = o.enums("cspr_criteria", CsprCriterion)
        if len(set(ticked)) != len(ticked):
            raise o.fail("cspr_criteria", "lists a criterion twice")
        assessed = o.objects("cspr_criteria_assessed")
        if assessed:
            for row in assessed:
                outcome.criteria.append(
                    ReviewCriterion(
                        criterion=row.enum("criterion", CsprCriterion),
                        met=row.boolean("met"),
                        evidence=row.text("evidence"),
                    )
                )
                row.finish()
            if [c.criterion for c in outcome.criteria if c.met] != ticked:
                raise o.fail(
                    "cspr_criteria",
                    "does not match the criteria marked met in cspr_criteria_assessed",
                )
        else:  # a file from another tool may carry only the ticked list: the app keeps all four
            outcome.criteria.extend(ReviewCriterion(criterion=c, met=True) for c in ticked)
            outcome.criteria.extend(
                ReviewCriterion(criterion=c, met=False) for c in CsprCriterion if c not in ticked
            )
        o.finish()
        return outcome

    def action(self, a: Reader) -> Action:
        action = Action(
            description=a.text("description", required=True),
            owner=self.person(a.text("owner")),
            agency=self.agency(a.text("agency")),
            due=a.optional_date("due"),
            status=a.enum("status", ActionStatus, ActionStatus.OPEN),
            immediate=a.boolean("immediate"),
        )
        for note in a.objects("progress"):
            action.notes.append(
                ActionNote(
                    noted_on=note.date("noted_on"),
                    author=note.text("author"),
                    text=note.text("text"),
                )
            )
            note.finish()
        a.finish()
        return action
