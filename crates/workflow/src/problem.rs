use crate::Pos;

/// Something wrong with a definition, at a place in its file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}:{column}: {message}", line = pos.line, column = pos.column)]
pub struct Problem {
    /// The file the definition came from.
    pub file: String,
    /// Where in it.
    pub pos: Pos,
    /// What is wrong, in words a workflow author understands.
    pub message: String,
}

impl Problem {
    /// A problem at `pos` of `file`.
    pub fn new(file: &str, pos: Pos, message: impl Into<String>) -> Self {
        Self {
            file: file.to_owned(),
            pos,
            message: message.into(),
        }
    }
}
