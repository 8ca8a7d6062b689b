//! The workflow definitions the service runs, and the names they may use.
//!
//! Definitions ship with the binary (the files in `workflows/`), or come
//! from a folder given in the configuration. At start-up each is validated,
//! then registered in the database by (name, version) with its content
//! hash: a file whose content changed under an already registered version
//! is refused. Instances pin a version, and every registered version stays
//! loaded, so instances started on an old version keep running on it until
//! `grants workflow migrate` moves them.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::{Arc, RwLock};

use chrono::Utc;
use grants_domain::Role;
use grants_store::workflows::{self as store, Registration};
use grants_workflow::{Definition, Problem, Registry};
use sha2::{Digest, Sha256};

use crate::steps::Kind;
use crate::{AppError, AppResult, Store};

/// The definitions built into the binary: (file name, YAML).
const BUILT_IN: &[(&str, &str)] = &[
    (
        "workflows/proposal.yaml",
        include_str!("../../../workflows/proposal.yaml"),
    ),
    (
        "workflows/grant.yaml",
        include_str!("../../../workflows/grant.yaml"),
    ),
    (
        "workflows/tranche.yaml",
        include_str!("../../../workflows/tranche.yaml"),
    ),
    (
        "workflows/report.yaml",
        include_str!("../../../workflows/report.yaml"),
    ),
];

/// The actor that takes transitions when timers fire.
pub const SYSTEM: &str = "system";

/// The subjects the service moves through workflows, each with the
/// relations, guards and effects its code implements. A new subject is its
/// file (implementing [`crate::steps::Subject`]), its YAML and a line here.
pub const SUBJECTS: &[Kind] = &[
    Kind::of::<crate::proposals::Proposal>(),
    Kind::of::<crate::grants::Grant>(),
    Kind::of::<crate::tranches::Tranche>(),
    Kind::of::<crate::reports::Report>(),
];

/// The workflows the service runs.
pub fn run() -> Vec<&'static str> {
    SUBJECTS.iter().map(|k| k.workflow).collect()
}

/// Everything the definition of `workflow` may name: roles, its relations,
/// guards and effects, and `events`: those with templates in English and
/// Macedonian. `None` for a workflow the service does not run.
pub fn registry(workflow: &str, events: &[&str]) -> Option<Registry> {
    let kind = SUBJECTS.iter().find(|k| k.workflow == workflow)?;
    let mut actors: Vec<&str> = Role::ALL.iter().map(|r| r.as_str()).collect();
    actors.extend_from_slice(kind.relations);
    actors.push(SYSTEM);
    let mut guards = kind.guards.to_vec();
    guards.push(crate::second_factor::FRESH_GUARD);
    Some(Registry::new(&actors, &guards, events, kind.effects))
}

/// A definition's file and text.
#[derive(Debug, Clone)]
pub struct Source {
    /// Where it came from, for messages.
    pub file: String,
    /// The YAML.
    pub yaml: String,
}

/// The built-in definitions.
pub fn built_in() -> Vec<Source> {
    BUILT_IN
        .iter()
        .map(|(file, yaml)| Source {
            file: (*file).to_owned(),
            yaml: (*yaml).to_owned(),
        })
        .collect()
}

/// Every `*.yaml` file in `dir`, sorted by name.
pub fn from_dir(dir: &Path) -> std::io::Result<Vec<Source>> {
    let mut files: Vec<_> = std::fs::read_dir(dir)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml" || x == "yml"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|path| {
            Ok(Source {
                file: path.display().to_string(),
                yaml: std::fs::read_to_string(&path)?,
            })
        })
        .collect()
}

/// Parses and validates every source against the events that have
/// templates; all problems of all files at once.
pub fn check(sources: &[Source], events: &[&str]) -> Result<Vec<Definition>, Vec<Problem>> {
    let mut problems = Vec::new();
    let mut definitions: Vec<Definition> = Vec::new();
    for source in sources {
        match grants_workflow::parse(&source.file, &source.yaml) {
            Ok(def) => {
                let Some(registry) = registry(&def.name.value, events) else {
                    problems.push(Problem::new(
                        &source.file,
                        def.name.pos,
                        format!(
                            "the service runs no workflow named '{}' (it runs {})",
                            def.name.value,
                            run().join(", ")
                        ),
                    ));
                    continue;
                };
                let unknown_names = crate::names::check(&def);
                if let Err(found) = grants_workflow::validate(&def, &registry) {
                    problems.extend(found);
                } else if !unknown_names.is_empty() {
                    problems.extend(unknown_names);
                } else if let Some(other) =
                    definitions.iter().find(|d| d.name.value == def.name.value)
                {
                    problems.push(Problem::new(
                        &source.file,
                        def.name.pos,
                        format!(
                            "workflow '{}' is also defined in {}",
                            def.name.value, other.file
                        ),
                    ));
                } else {
                    definitions.push(def);
                }
            }
            Err(found) => problems.extend(found),
        }
    }
    // Once the files given are valid, every workflow the service runs must be among them.
    if problems.is_empty() {
        let file = sources.first().map_or("workflows", |s| s.file.as_str());
        for name in run() {
            if !definitions.iter().any(|d| d.name.value == *name) {
                problems.push(Problem::new(
                    file,
                    grants_workflow::Pos { line: 1, column: 1 },
                    format!("no definition of the '{name}' workflow, which the service runs"),
                ));
            }
        }
    }
    if problems.is_empty() {
        Ok(definitions)
    } else {
        Err(problems)
    }
}

fn content_hash(yaml: &str) -> String {
    Sha256::digest(yaml.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The loaded definitions: every registered version, and which is current.
///
/// Versions registered later by another instance (a newer binary, or
/// `grants workflow migrate` moving instances onto them) are loaded from the
/// database the first time an instance pinned to them is met.
#[derive(Debug, Default)]
pub struct Workflows {
    versions: RwLock<BTreeMap<(String, u32), Arc<Definition>>>,
    current: BTreeMap<String, u32>,
}

fn parse_registered(registered: &store::RegisteredDefinition) -> AppResult<Definition> {
    let file = format!("{} v{} (registered)", registered.name, registered.version);
    grants_workflow::parse(&file, &registered.source)
        .map_err(|problems| AppError::internal(format!("{file} no longer parses: {}", problems[0])))
}

impl Workflows {
    /// Validates `sources`, registers them, and loads every registered version.
    pub async fn register(
        store: &Store,
        sources: &[Source],
        events: &[&str],
    ) -> AppResult<Workflows> {
        let definitions = check(sources, events).map_err(|problems| {
            let lines: Vec<_> = problems.iter().map(ToString::to_string).collect();
            AppError::internal(format!(
                "the workflow definitions are invalid:\n{}",
                lines.join("\n")
            ))
        })?;
        let mut current = BTreeMap::new();
        let now = Utc::now();
        for (def, source) in definitions.iter().zip(sources) {
            let registration = store::register(
                store.conn(),
                &def.name.value,
                def.version.value,
                &content_hash(&source.yaml),
                &source.yaml,
                now,
            )
            .await?;
            if let Registration::Conflict { .. } = registration {
                return Err(AppError::internal(format!(
                    "{}: workflow '{}' version {} is already registered with different content; \
                     bump `version` and move running instances with `grants workflow migrate`",
                    source.file, def.name.value, def.version.value
                )));
            }
            current.insert(def.name.value.clone(), def.version.value);
        }
        let mut versions = BTreeMap::new();
        for registered in store::all(store.conn()).await? {
            let def = parse_registered(&registered)?;
            versions.insert((registered.name, registered.version), Arc::new(def));
        }
        Ok(Workflows {
            versions: RwLock::new(versions),
            current,
        })
    }

    /// A loaded definition by name and version.
    pub fn get(&self, name: &str, version: u32) -> Option<Arc<Definition>> {
        let versions = self
            .versions
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        versions.get(&(name.to_owned(), version)).cloned()
    }

    /// A definition by name and version, loading it from the registry if
    /// another instance registered it after this one started.
    pub async fn load(
        &self,
        store: &Store,
        name: &str,
        version: u32,
    ) -> AppResult<Arc<Definition>> {
        if let Some(def) = self.get(name, version) {
            return Ok(def);
        }
        let registered = store::find(store.conn(), name, version)
            .await?
            .ok_or_else(|| {
                AppError::internal(format!("workflow {name} v{version} is not registered"))
            })?;
        let def = Arc::new(parse_registered(&registered)?);
        let mut versions = self
            .versions
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        Ok(versions
            .entry((name.to_owned(), version))
            .or_insert(def)
            .clone())
    }

    /// The current version of a workflow.
    pub fn current(&self, name: &str) -> Option<Arc<Definition>> {
        let version = *self.current.get(name)?;
        self.get(name, version)
    }

    /// The names of the current workflows with their versions.
    pub fn names(&self) -> Vec<(String, u32)> {
        self.current.iter().map(|(n, v)| (n.clone(), *v)).collect()
    }
}

/// Who may read the workflow definitions, with their guards and effects,
/// in the pages: administrators and programme managers.
pub const DEFINITION_READERS: &[Role] = &[Role::Admin, Role::ProgrammeManager];

/// The current version of every workflow the service runs, by name, for
/// the [`DEFINITION_READERS`].
pub fn definitions(app: &crate::App, actor: &crate::Actor) -> AppResult<Vec<Arc<Definition>>> {
    actor.require_any(DEFINITION_READERS, "read_the_workflow_definitions")?;
    let workflows = app.workflows();
    Ok(workflows
        .names()
        .into_iter()
        .filter_map(|(name, _)| workflows.current(&name))
        .collect())
}

/// A proposal moved from one workflow version to another.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Moved {
    /// The proposal.
    pub id: grants_domain::ProposalId,
    /// Its state before.
    pub from_state: String,
    /// Its state after.
    pub to_state: String,
}

/// Moves every proposal pinned to `name` version `from` onto version `to`,
/// renaming states by `mapping` (old, new); states not named keep their
/// name. Every state of the old version must land on a state of the new
/// one. One transaction, one audit event per proposal moved.
pub async fn migrate_instances(
    app: &crate::App,
    name: &str,
    from: u32,
    to: u32,
    mapping: &[(String, String)],
) -> AppResult<Vec<Moved>> {
    if name != crate::proposals::WORKFLOW {
        return Err(AppError::NotFound("workflow with instances"));
    }
    let missing = |v| {
        AppError::conflict("workflow-version-unknown")
            .with("workflow_name", name)
            .with("version", v)
            .done()
    };
    let old = app
        .workflows
        .load(&app.store, name, from)
        .await
        .map_err(|_| missing(from))?;
    let new = app
        .workflows
        .load(&app.store, name, to)
        .await
        .map_err(|_| missing(to))?;
    let mut errors = grants_domain::ValidationErrors::default();
    for (old_state, new_state) in mapping {
        if old.state(old_state).is_none() {
            errors.push(
                "map",
                "unknown_state",
                format!("version {from} has no state '{old_state}'"),
            );
        }
        if new.state(new_state).is_none() {
            errors.push(
                "map",
                "unknown_state",
                format!("version {to} has no state '{new_state}'"),
            );
        }
    }
    for state in &old.states {
        let target = mapping
            .iter()
            .find(|(o, _)| *o == state.name)
            .map_or(&state.name, |(_, n)| n);
        if new.state(target).is_none() {
            errors.push(
                "map",
                "unmapped_state",
                format!("state '{}' of version {from} does not exist in version {to}: map it with {}=<state>", state.name, state.name),
            );
        }
    }
    if !errors.is_empty() {
        return Err(errors.into());
    }
    let now = Utc::now();
    let tx = app.store.begin().await?;
    let moved = grants_store::proposals::repin(&tx, name, from, to, mapping, now).await?;
    for (id, from_state, to_state) in &moved {
        grants_store::audit::record(
            &tx,
            grants_store::audit::AuditEntry {
                actor: None,
                action: "proposal.workflow_migrated",
                subject_type: "proposal",
                subject_id: id.uuid(),
                details: serde_json::json!({
                    "workflow": name, "from_version": from, "to_version": to,
                    "from": from_state, "to": to_state,
                }),
            },
            now,
        )
        .await?;
    }
    tx.commit().await.map_err(grants_store::StoreError::from)?;
    Ok(moved
        .into_iter()
        .map(|(id, from_state, to_state)| Moved {
            id,
            from_state,
            to_state,
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_definitions_validate() {
        let definitions = check(&built_in(), grants_notify::Notification::EVENTS).expect("valid");
        let names: Vec<_> = definitions.iter().map(|d| d.name.value.as_str()).collect();
        assert_eq!(names, run());
    }
}
