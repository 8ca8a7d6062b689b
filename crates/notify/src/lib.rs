//! Email for Innovation Awards.
//!
//! Every event has a typed context ([`Notification`]); a context is stored
//! in the outbox when the change it announces happens, and rendered when it
//! is sent: in the recipient's language, falling back to the programme's and
//! then English, with dates in the programme's time zone and money in the
//! recipient's number format ([`Formatter`]). Templates are Handlebars in
//! strict mode, checked at start-up by [`Templates::check`], so a template
//! that names a missing field fails before anything is sent. [`Mailer`]
//! sends through SMTP or into a folder of `.eml` files.

mod agreement;
mod event;
mod format;
mod privacy;
mod render;
mod transport;

pub use agreement::{AgreedReport, AgreedTranche, AgreementTerms, render_agreement};
pub use event::*;
pub use format::Formatter;
pub use privacy::{PRIVACY_NOTICE_VERSION, privacy_notice};
pub use render::{Rendered, TemplateProblem, Templates};
pub use transport::{Mailer, OutgoingMail, SendError, SmtpSettings, TlsMode};
