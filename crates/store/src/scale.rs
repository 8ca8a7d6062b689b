//! A network's years of data, for `bash bench/run scale` (feature `bench`
//! only; production builds leave it out).
//!
//! Every row is cloned from one the service wrote itself while seeding the
//! demo (a proposal in review with its submitted review, a decided proposal
//! with its decision, grant, tranches, reports and ledger entries, an
//! account, a sent email), so the pages read shapes they know; only ids,
//! people, names, texts, amounts, scores, states and moments change. At
//! scale 1: ten programmes of 2,000 proposals (one waiting for its jury's
//! assignment, four in review, five decided), 3,000 reviewers (300 per
//! programme), 8,000 applicants, three reviews per proposal in review or
//! decided, half of each decided programme funded (5,000 grants, three
//! tranches and two reports each), the audit trail and a sent email per
//! proposal. Titles and summaries come in the ten languages and both
//! scripts of Serbian. The same seed gives the same data.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, SubsecRound, Utc};
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, Iterable,
    QueryFilter, QueryOrder,
};
use serde::Serialize;
use serde_json::{Value, json};
use uuid::Uuid;

use crate::entity::{
    audit_event, decision, grant, ledger_entry, outbox_message, programme, proposal, report,
    review, review_assignment, reviewer_profile, tranche, user, user_role,
};
use crate::{Store, StoreError, StoreResult};

/// What to generate.
#[derive(Debug, Clone)]
pub struct ScaleSpec {
    /// 1 is the network's size above; 0.25 a quarter of it, 4 four times.
    pub scale: f64,
    /// The same seed gives the same data.
    pub seed: u64,
    /// The code of the demo's programme in review, cloned for the
    /// programmes waiting for or in review.
    pub review_template: String,
    /// The code of the demo's decided programme, cloned for the decided ones.
    pub decided_template: String,
    /// The address of an account whose row (and so whose password) every
    /// generated person's is cloned from.
    pub person_template: String,
}

/// What was generated, for the benchmark to find its way.
#[derive(Debug, Clone, Serialize)]
pub struct ScaleReport {
    /// The generated programmes.
    pub programmes: Vec<ScaleProgramme>,
    /// Rows written, by table.
    pub rows: BTreeMap<&'static str, usize>,
    /// A few of the generated reviewers' addresses, each with assignments.
    pub reviewers: Vec<String>,
    /// A few of the generated applicants' addresses.
    pub applicants: Vec<String>,
    /// A proposal of the first decided programme, for its page.
    pub funded_proposal: Option<Uuid>,
}

/// One generated programme.
#[derive(Debug, Clone, Serialize)]
pub struct ScaleProgramme {
    /// Its id.
    pub id: Uuid,
    /// Its code, `SCALE-01`…
    pub code: String,
    /// `assign` (eligible proposals, no jury yet), `review` or `decided`.
    pub stage: &'static str,
    /// How many proposals it has.
    pub proposals: usize,
}

/// The eleven countries, the language their libraries write in and some of
/// their towns in that language's script.
const PLACES: &[(&str, &str, &[&str])] = &[
    (
        "MK",
        "mk",
        &["Куманово", "Битола", "Охрид", "Тетово", "Скопје"],
    ),
    ("RS", "sr", &["Београд", "Нови Сад", "Ниш", "Крагујевац"]),
    ("BG", "bg", &["Пловдив", "Варна", "Бургас", "София"]),
    ("GR", "el", &["Θεσσαλονίκη", "Πάτρα", "Λάρισα", "Αθήνα"]),
    ("HR", "hr", &["Rijeka", "Split", "Osijek", "Zagreb"]),
    ("SI", "sl", &["Maribor", "Celje", "Koper", "Ljubljana"]),
    ("RO", "ro", &["Cluj-Napoca", "Iași", "Timișoara", "Brașov"]),
    ("AL", "sq", &["Tiranë", "Durrës", "Shkodër", "Korçë"]),
    ("XK", "sq", &["Prishtinë", "Prizren", "Pejë", "Gjakovë"]),
    ("BA", "bs", &["Sarajevo", "Mostar", "Tuzla", "Zenica"]),
    ("ME", "sr", &["Podgorica", "Nikšić", "Budva", "Češko Polje"]),
];

/// A title and a summary in each language, `{}` standing for the town.
fn wording(language: &str, latin: bool) -> (&'static str, &'static str) {
    match (language, latin) {
        ("mk", _) => (
            "Дигитална читалница за млади во {}",
            "Библиотеката во {} отвора простор каде младите учат програмирање и читаат заедно.",
        ),
        ("sr", false) => (
            "Кутак за роботику у библиотеци у {}",
            "Библиотека у {} отвара радионицу где деца склапају роботе и читају о науци.",
        ),
        ("sr", true) => (
            "Kutak za robotiku u biblioteci u {}",
            "Biblioteka u {} otvara radionicu gde deca sklapaju robote i čitaju o nauci.",
        ),
        ("bg", _) => (
            "Библиотека на нещата в {}",
            "Библиотеката в {} заема инструменти и уреди на жителите и учи как се поправят.",
        ),
        ("el", _) => (
            "Ψηφιακό εργαστήριο για νέους στη {}",
            "Η βιβλιοθήκη της {} ανοίγει εργαστήριο όπου οι νέοι μαθαίνουν προγραμματισμό.",
        ),
        ("hr", _) => (
            "Čitaonica za starije u {}",
            "Knjižnica u {} uči starije sugrađane služiti se e-knjigama i e-upravom.",
        ),
        ("sl", _) => (
            "Knjižnica stvari v {}",
            "Knjižnica v {} posoja orodje in naprave ter uči, kako jih popraviti.",
        ),
        ("ro", _) => (
            "Atelier de lectură pentru copii în {}",
            "Biblioteca din {} deschide un atelier unde copiii citesc și scriu povești.",
        ),
        ("sq", _) => (
            "Klub kodimi në bibliotekën e {}",
            "Biblioteka e {} hap një klub ku të rinjtë mësojnë programim çdo javë.",
        ),
        ("bs", _) => (
            "Kutak za mlade čitaoce u {}",
            "Biblioteka u {} otvara kutak gdje mladi čitaju i snimaju podkaste o knjigama.",
        ),
        _ => (
            "Maker space for teenagers in {}",
            "The library in {} opens a maker space where teenagers build and repair things.",
        ),
    }
}

/// The reviewers a programme's jury draws from, and the applicants per proposal.
const REVIEWERS_PER_PROGRAMME: usize = 300;
const PROPOSALS_PER_PROGRAMME: usize = 2_000;
const APPLICANTS_PER_PROPOSAL: f64 = 0.4;
const REVIEWS_PER_PROPOSAL: usize = 3;

/// Generates the data set into `store`, whose demo is seeded already.
pub async fn generate(store: &Store, spec: &ScaleSpec) -> StoreResult<ScaleReport> {
    let c = store.conn();
    let now = Utc::now().trunc_subsecs(6);
    let mut random = StdRng::seed_from_u64(spec.seed);
    let templates = Templates::read(c, spec).await?;
    // Three at the least, so that every stage has one.
    let programmes = ((10.0 * spec.scale).ceil() as usize).max(3);
    let proposals_in_all = ((PROPOSALS_PER_PROGRAMME * 10) as f64 * spec.scale).round() as usize;
    let per_programme = (proposals_in_all / programmes).max(1);
    let mut rows: BTreeMap<&'static str, usize> = BTreeMap::new();

    // People: reviewers (a jury of 300 per programme) and applicants.
    let reviewers = people(
        &templates.person,
        "reviewer",
        programmes * REVIEWERS_PER_PROGRAMME,
        now,
    );
    let applicants = people(
        &templates.person,
        "applicant",
        ((proposals_in_all as f64) * APPLICANTS_PER_PROPOSAL).ceil() as usize,
        now,
    );
    let roles: Vec<user_role::ActiveModel> = reviewers
        .iter()
        .map(|u| (u.id, "reviewer"))
        .chain(applicants.iter().map(|u| (u.id, "applicant")))
        .map(|(user_id, role)| {
            user_role::Model {
                user_id,
                role: role.to_owned(),
                area: String::new(),
            }
            .into_active_model()
            .reset_all()
        })
        .collect();
    let report = ScaleReport {
        programmes: Vec::new(),
        rows: BTreeMap::new(),
        // The jury of the first programme in review, who have assignments.
        reviewers: reviewers
            .iter()
            .skip(REVIEWERS_PER_PROGRAMME)
            .take(5)
            .map(|u| u.email.clone())
            .collect(),
        applicants: applicants.iter().take(5).map(|u| u.email.clone()).collect(),
        funded_proposal: None,
    };
    let reviewer_ids: Vec<Uuid> = reviewers.iter().map(|u| u.id).collect();
    let applicant_ids: Vec<Uuid> = applicants.iter().map(|u| u.id).collect();
    count(&mut rows, "users", reviewers.len() + applicants.len());
    count(&mut rows, "user_roles", roles.len());
    insert_all(c, reviewers.into_iter().map(active).collect()).await?;
    insert_all(c, applicants.into_iter().map(active).collect()).await?;
    insert_all(c, roles).await?;

    let mut report = report;
    for index in 0..programmes {
        let stage = match index {
            0 => "assign",
            i if i <= programmes / 2 - usize::from(programmes.is_multiple_of(2)) => "review",
            _ => "decided",
        };
        // Older programmes further in the past: a year between calls.
        let ago = Duration::days(365 * i64::try_from(programmes - index).unwrap_or(1) / 2);
        let jury = &reviewer_ids[index * REVIEWERS_PER_PROGRAMME..][..REVIEWERS_PER_PROGRAMME];
        let mut batch = Batch::default();
        let programme_id = batch.programme(&templates, index, stage, now - ago);
        for reviewer in jury {
            batch.profile(&templates, programme_id, *reviewer, now);
        }
        for n in 0..per_programme {
            let owner = *applicant_ids.choose(&mut random).unwrap_or(&Uuid::nil());
            batch.proposal(
                &templates,
                &mut random,
                (programme_id, stage),
                (owner, jury),
                (index * per_programme + n, now - ago),
            )?;
        }
        if report.funded_proposal.is_none() {
            report.funded_proposal = batch.funded.first().copied();
        }
        let tx = store.begin().await?;
        batch.write(&tx, &mut rows).await?;
        tx.commit().await?;
        report.programmes.push(ScaleProgramme {
            id: programme_id,
            code: code(index),
            stage,
            proposals: per_programme,
        });
    }
    report.rows = rows;
    Ok(report)
}

fn count(rows: &mut BTreeMap<&'static str, usize>, table: &'static str, n: usize) {
    *rows.entry(table).or_default() += n;
}

fn code(index: usize) -> String {
    format!("SCALE-{:02}", index + 1)
}

fn active<M, A>(model: M) -> A
where
    M: IntoActiveModel<A>,
    A: ActiveModelTrait,
{
    model.into_active_model().reset_all()
}

/// Inserts `rows` a batch at a time, each batch under SQLite's limit of
/// bound values in one statement.
async fn insert_all<A>(c: &impl ConnectionTrait, rows: Vec<A>) -> StoreResult<()>
where
    A: ActiveModelTrait,
    <A::Entity as EntityTrait>::Model: IntoActiveModel<A>,
{
    let columns = <<A::Entity as EntityTrait>::Column as Iterable>::iter().count();
    let per_batch = (30_000 / columns.max(1)).max(1);
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let batch: Vec<A> = rows.by_ref().take(per_batch).collect();
        A::Entity::insert_many(batch)
            .exec_without_returning(c)
            .await?;
    }
    Ok(())
}

/// `n` people cloned from the template account, `{kind}.{n}@scale.example`,
/// from the eleven countries in turn.
fn people(template: &user::Model, kind: &str, n: usize, now: DateTime<Utc>) -> Vec<user::Model> {
    (0..n)
        .map(|i| {
            let (country, language, towns) = PLACES[i % PLACES.len()];
            let town = towns[(i / PLACES.len()) % towns.len()];
            let email = format!("{kind}.{}@scale.example", i + 1);
            let name = format!("{} {} {}", capitalised(kind), town, i + 1);
            let organisation = format!("{town} Library");
            user::Model {
                id: Uuid::now_v7(),
                email_normalized: email.clone(),
                search_text: Some(crate::users::search_text(
                    &name,
                    Some(&organisation),
                    &email,
                )),
                email,
                name,
                locale: language.to_owned(),
                country: Some(country.to_owned()),
                organisation: Some(organisation),
                created_at: now,
                updated_at: now,
                revision: 1,
                ..template.clone()
            }
        })
        .collect()
}

fn capitalised(word: &str) -> String {
    let mut letters = word.chars();
    letters
        .next()
        .map(|first| first.to_uppercase().chain(letters).collect())
        .unwrap_or_default()
}

/// The demo's rows that generated ones are cloned from.
struct Templates {
    person: user::Model,
    review_programme: programme::Model,
    decided_programme: programme::Model,
    profile: reviewer_profile::Model,
    proposal: proposal::Model,
    assignment: review_assignment::Model,
    review: review::Model,
    decision: decision::Model,
    grant: grant::Model,
    tranches: Vec<tranche::Model>,
    reports: Vec<report::Model>,
    ledger: Vec<ledger_entry::Model>,
    email: outbox_message::Model,
}

fn missing(what: &str) -> StoreError {
    StoreError::Corrupt(format!(
        "the scale data clones the demo's rows; seed the demo first ({what} is missing)"
    ))
}

impl Templates {
    async fn read(c: &impl ConnectionTrait, spec: &ScaleSpec) -> StoreResult<Templates> {
        let person = user::Entity::find()
            .filter(user::Column::EmailNormalized.eq(spec.person_template.to_lowercase()))
            .one(c)
            .await?
            .ok_or_else(|| missing("the template account"))?;
        let by_code = |code: &str| {
            programme::Entity::find()
                .filter(programme::Column::CodeNormalized.eq(code.to_lowercase()))
                .one(c)
        };
        let review_programme = by_code(&spec.review_template)
            .await?
            .ok_or_else(|| missing("the programme in review"))?;
        let decided_programme = by_code(&spec.decided_template)
            .await?
            .ok_or_else(|| missing("the decided programme"))?;
        let profile = reviewer_profile::Entity::find()
            .filter(reviewer_profile::Column::ProgrammeId.eq(review_programme.id))
            .one(c)
            .await?
            .ok_or_else(|| missing("a reviewer's profile"))?;
        let review = review::Entity::find()
            .filter(review::Column::ProgrammeId.eq(review_programme.id))
            .filter(review::Column::State.eq("submitted"))
            .one(c)
            .await?
            .ok_or_else(|| missing("a submitted review"))?;
        let assignment = review_assignment::Entity::find_by_id(review.assignment_id)
            .one(c)
            .await?
            .ok_or_else(|| missing("a review's assignment"))?;
        let proposal = proposal::Entity::find_by_id(review.proposal_id)
            .one(c)
            .await?
            .ok_or_else(|| missing("a reviewed proposal"))?;
        let grant = grant::Entity::find()
            .filter(grant::Column::ProgrammeId.eq(decided_programme.id))
            .order_by_asc(grant::Column::CreatedAt)
            .one(c)
            .await?
            .ok_or_else(|| missing("a grant"))?;
        let decision = decision::Entity::find()
            .filter(decision::Column::ProposalId.eq(grant.proposal_id))
            .one(c)
            .await?
            .ok_or_else(|| missing("a funding decision"))?;
        let tranches = tranche::Entity::find()
            .filter(tranche::Column::GrantId.eq(grant.id))
            .order_by_asc(tranche::Column::Position)
            .all(c)
            .await?;
        let reports = report::Entity::find()
            .filter(report::Column::GrantId.eq(grant.id))
            .order_by_asc(report::Column::Position)
            .all(c)
            .await?;
        let ledger = ledger_entry::Entity::find()
            .filter(ledger_entry::Column::GrantId.eq(grant.id))
            .all(c)
            .await?;
        let email = outbox_message::Entity::find()
            .filter(outbox_message::Column::SubjectType.eq("proposal"))
            .one(c)
            .await?
            .ok_or_else(|| missing("an email about a proposal"))?;
        Ok(Templates {
            person,
            review_programme,
            decided_programme,
            profile,
            proposal,
            assignment,
            review,
            decision,
            grant,
            tranches,
            reports,
            ledger,
            email,
        })
    }
}

/// One programme's rows, written together.
#[derive(Default)]
struct Batch {
    programmes: Vec<programme::ActiveModel>,
    profiles: Vec<reviewer_profile::ActiveModel>,
    proposals: Vec<proposal::ActiveModel>,
    assignments: Vec<review_assignment::ActiveModel>,
    reviews: Vec<review::ActiveModel>,
    decisions: Vec<decision::ActiveModel>,
    grants: Vec<grant::ActiveModel>,
    tranches: Vec<tranche::ActiveModel>,
    reports: Vec<report::ActiveModel>,
    ledger: Vec<ledger_entry::ActiveModel>,
    audit: Vec<audit_event::ActiveModel>,
    emails: Vec<outbox_message::ActiveModel>,
    /// The funded proposals.
    funded: Vec<Uuid>,
}

impl Batch {
    fn programme(
        &mut self,
        t: &Templates,
        index: usize,
        stage: &str,
        opened: DateTime<Utc>,
    ) -> Uuid {
        let template = if stage == "decided" {
            &t.decided_programme
        } else {
            &t.review_programme
        };
        let code = code(index);
        let mut spec = template.spec.clone();
        spec["code"] = json!(code);
        let id = Uuid::now_v7();
        self.programmes.push(active(programme::Model {
            id,
            code_normalized: code.to_lowercase(),
            code,
            spec,
            opens_at: opened - Duration::days(60),
            closes_at: opened,
            revision: 1,
            created_at: opened - Duration::days(90),
            updated_at: opened,
            ..template.clone()
        }));
        id
    }

    fn profile(&mut self, t: &Templates, programme_id: Uuid, user_id: Uuid, now: DateTime<Utc>) {
        self.profiles.push(active(reviewer_profile::Model {
            programme_id,
            user_id,
            updated_at: now,
            ..t.profile.clone()
        }));
    }

    /// A proposal, with (past the assignment) its reviews and (when decided)
    /// its decision and, funded, its grant, tranches, reports and ledger.
    fn proposal(
        &mut self,
        t: &Templates,
        random: &mut StdRng,
        (programme_id, stage): (Uuid, &str),
        (owner, jury): (Uuid, &[Uuid]),
        (n, opened): (usize, DateTime<Utc>),
    ) -> StoreResult<()> {
        let (country, language, towns) = PLACES[random.gen_range(0..PLACES.len())];
        let town = towns[random.gen_range(0..towns.len())];
        // Serbian libraries write in either script.
        let latin = country == "ME" || (country == "RS" && random.gen_bool(0.5));
        let (title, summary) = wording(if random.gen_bool(0.1) { "en" } else { language }, latin);
        let title = format!("{} ({})", title.replace("{}", town), n + 1);
        let summary = summary.replace("{}", town);
        let requested = 100 * random.gen_range(20..=100_i64) * 100;
        let mut content = t.proposal.content.clone();
        content["title"] = json!(title);
        content["summary"] = json!(summary);
        content["country"] = json!(country);
        content["region"] = Value::Null;
        content["language"] = json!(language);
        content["organisation"] = json!(format!("{town} Library"));
        content["requested_amount"]["minor"] = json!(requested);
        let search_text =
            serde_json::from_value::<grants_domain::proposal::ProposalContent>(content.clone())
                .map_err(|e| StoreError::Corrupt(format!("the template proposal: {e}")))?
                .search_text();
        let state = match stage {
            "assign" => "in_review",
            "review" if random.gen_bool(0.3) => "reviewed",
            "review" => "in_review",
            _ => match random.gen_range(0..20) {
                0..=9 => "funded",
                10..=16 => "declined",
                _ => "waitlisted",
            },
        };
        let submitted = opened - Duration::minutes(random.gen_range(60..60 * 24 * 50));
        let id = Uuid::now_v7();
        self.proposals.push(active(proposal::Model {
            id,
            programme_id,
            owner_id: owner,
            country: Some(country.to_owned()),
            region: None,
            state: state.to_owned(),
            revision: 6,
            title: Some(title),
            content,
            created_at: submitted - Duration::days(7),
            updated_at: opened,
            submitted_at: Some(submitted),
            search_text: Some(search_text),
            partner_countries: " ".to_owned(),
            ..t.proposal.clone()
        }));
        self.history(
            "proposal",
            id,
            owner,
            &[
                ("proposal.created", json!({})),
                (
                    "proposal.transition",
                    json!({ "transition": "submit", "from": "draft", "to": "submitted" }),
                ),
                (
                    "proposal.transition",
                    json!({ "transition": "start_review", "from": "eligible", "to": "in_review" }),
                ),
            ],
            submitted,
        );
        self.emails.push(active(outbox_message::Model {
            id: Uuid::now_v7(),
            subject_id: id,
            recipient_id: owner,
            locale: language.to_owned(),
            dedupe_key: format!("scale-{id}"),
            state: "sent".to_owned(),
            next_attempt_at: submitted,
            created_at: submitted,
            sent_at: Some(submitted),
            lease_owner: None,
            lease_until: None,
            ..t.email.clone()
        }));
        if stage == "assign" {
            return Ok(());
        }
        for reviewer in jury.choose_multiple(random, REVIEWS_PER_PROPOSAL) {
            let assignment = Uuid::now_v7();
            self.assignments.push(active(review_assignment::Model {
                id: assignment,
                programme_id,
                proposal_id: id,
                reviewer_id: *reviewer,
                created_at: opened,
                updated_at: opened,
                ..t.assignment.clone()
            }));
            let mut scores = t.review.scores.clone();
            if let Value::Object(criteria) = &mut scores {
                for score in criteria.values_mut() {
                    if score.is_number() {
                        *score = json!(random.gen_range(1..=5));
                    }
                }
            }
            let draft = state == "in_review" && random.gen_bool(0.3);
            self.reviews.push(active(review::Model {
                assignment_id: assignment,
                programme_id,
                proposal_id: id,
                reviewer_id: *reviewer,
                state: if draft { "draft" } else { "submitted" }.to_owned(),
                scores,
                submitted_at: (!draft).then_some(opened + Duration::days(20)),
                created_at: opened,
                updated_at: opened,
                ..t.review.clone()
            }));
        }
        if stage == "decided" {
            self.decision(
                t,
                (programme_id, id, owner),
                (state, requested, country),
                opened,
            );
        }
        Ok(())
    }

    fn decision(
        &mut self,
        t: &Templates,
        (programme_id, proposal_id, grantee_id): (Uuid, Uuid, Uuid),
        (outcome, award, country): (&str, i64, &str),
        opened: DateTime<Utc>,
    ) {
        let decided = opened + Duration::days(45);
        let funded = outcome == "funded";
        self.decisions.push(active(decision::Model {
            id: Uuid::now_v7(),
            proposal_id,
            programme_id,
            outcome: outcome.to_owned(),
            award_minor: funded.then_some(award),
            decided_at: decided,
            ..t.decision.clone()
        }));
        if !funded {
            return;
        }
        let grant_id = Uuid::now_v7();
        self.funded.push(proposal_id);
        self.grants.push(active(grant::Model {
            id: grant_id,
            programme_id,
            proposal_id,
            grantee_id,
            country: country.to_owned(),
            region: None,
            award_minor: award,
            created_at: decided,
            updated_at: decided,
            ..t.grant.clone()
        }));
        let mut tranche_ids = BTreeMap::new();
        for template in &t.tranches {
            let id = Uuid::now_v7();
            tranche_ids.insert(template.id, (id, award * i64::from(template.percent) / 100));
            self.tranches.push(active(tranche::Model {
                id,
                grant_id,
                amount_minor: award * i64::from(template.percent) / 100,
                paid_minor: template
                    .paid_minor
                    .map(|_| award * i64::from(template.percent) / 100),
                created_at: decided,
                updated_at: decided,
                ..template.clone()
            }));
        }
        for template in &t.reports {
            self.reports.push(active(report::Model {
                id: Uuid::now_v7(),
                grant_id,
                programme_id,
                grantee_id,
                country: country.to_owned(),
                region: None,
                created_at: decided,
                updated_at: decided,
                ..template.clone()
            }));
        }
        for template in &t.ledger {
            let tranche = template.tranche_id.and_then(|id| tranche_ids.get(&id));
            self.ledger.push(active(ledger_entry::Model {
                id: Uuid::now_v7(),
                programme_id,
                grant_id: Some(grant_id),
                tranche_id: tranche.map(|(id, _)| *id),
                country: Some(country.to_owned()),
                amount_minor: tranche.map_or(award, |(_, amount)| *amount)
                    * template.amount_minor.signum(),
                created_at: decided,
                ..template.clone()
            }));
        }
        self.history(
            "grant",
            grant_id,
            grantee_id,
            &[("grant.created", json!({ "award_minor": award }))],
            decided,
        );
    }

    /// The subject's audit chain, an event a day from `from`.
    fn history(
        &mut self,
        subject_type: &str,
        subject_id: Uuid,
        actor: Uuid,
        events: &[(&str, Value)],
        from: DateTime<Utc>,
    ) {
        let mut previous: Option<String> = None;
        for (seq, (action, details)) in events.iter().enumerate() {
            let mut row = audit_event::Model {
                id: Uuid::now_v7(),
                occurred_at: from + Duration::days(i64::try_from(seq).unwrap_or(0)),
                actor_id: Some(actor),
                action: (*action).to_owned(),
                subject_type: subject_type.to_owned(),
                subject_id,
                seq: i64::try_from(seq).unwrap_or(0) + 1,
                details: details.clone(),
                prev_hash: previous.take(),
                hash: String::new(),
            };
            row.hash = crate::audit::chain_hash(&row);
            previous = Some(row.hash.clone());
            self.audit.push(active(row));
        }
    }

    async fn write(
        self,
        c: &impl ConnectionTrait,
        rows: &mut BTreeMap<&'static str, usize>,
    ) -> StoreResult<()> {
        macro_rules! write {
            ($($field:ident),*) => {
                $(
                    count(rows, stringify!($field), self.$field.len());
                    insert_all(c, self.$field).await?;
                )*
            };
        }
        write!(
            programmes,
            profiles,
            proposals,
            assignments,
            reviews,
            decisions,
            grants,
            tranches,
            reports,
            ledger,
            audit,
            emails
        );
        Ok(())
    }
}
