//! Raw SQL against a test server's database, behind its back, written once
//! for both engines: statements name their parameters `$1, $2, …` as
//! PostgreSQL does, and SQLite gets `?` in their place (in order).

use sea_orm::{ConnectionTrait, DatabaseConnection, QueryResult, Statement, Value};

/// `sql` with `values`, for the connection's engine.
pub fn statement(db: &DatabaseConnection, sql: &str, values: Vec<Value>) -> Statement {
    let backend = db.get_database_backend();
    let sql = match backend {
        sea_orm::DatabaseBackend::Postgres => sql.to_owned(),
        _ => positional(sql),
    };
    Statement::from_sql_and_values(backend, sql, values)
}

/// `$1`, `$2`, … as `?`: the parameters are written in order.
fn positional(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len());
    let mut chars = sql.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '$' && chars.peek().is_some_and(char::is_ascii_digit) {
            while chars.peek().is_some_and(char::is_ascii_digit) {
                chars.next();
            }
            out.push('?');
        } else {
            out.push(c);
        }
    }
    out
}

/// Every row the query returns.
pub async fn rows(db: &DatabaseConnection, sql: &str, values: Vec<Value>) -> Vec<QueryResult> {
    db.query_all_raw(statement(db, sql, values))
        .await
        .unwrap_or_else(|err| panic!("{sql}: {err}"))
}

/// The column `n` of the query's one row, e.g. `SELECT COUNT(*) AS n …`.
pub async fn count(db: &DatabaseConnection, sql: &str, values: Vec<Value>) -> i64 {
    let rows = rows(db, sql, values).await;
    let row = rows.first().unwrap_or_else(|| panic!("{sql}: no row"));
    get(row, "n")
}

/// Runs a statement that returns no rows.
pub async fn execute(db: &DatabaseConnection, sql: &str, values: Vec<Value>) {
    db.execute_raw(statement(db, sql, values))
        .await
        .unwrap_or_else(|err| panic!("{sql}: {err}"));
}

/// One column of a row.
#[track_caller]
pub fn get<T: sea_orm::TryGetable>(row: &QueryResult, column: &str) -> T {
    row.try_get("", column)
        .unwrap_or_else(|err| panic!("column {column}: {err:?}"))
}

#[cfg(test)]
mod tests {
    #[test]
    fn parameters_become_positional_for_sqlite() {
        assert_eq!(
            super::positional("UPDATE t SET a = $1 WHERE id = $2 AND b = '$'"),
            "UPDATE t SET a = ? WHERE id = ? AND b = '$'"
        );
    }
}
