//! The privacy notice a person accepts when they register, one text per
//! language (`document-templates/{locale}.privacy_notice.txt`), all of one
//! version. Changing what the notice says means a new version: registration
//! records the version each person accepted.

use grants_domain::Locale;

/// The version of the notice the texts say now (the day it was written).
pub const PRIVACY_NOTICE_VERSION: &str = "2026-12-07";

/// The notice in `locale`.
pub fn privacy_notice(locale: Locale) -> &'static str {
    match locale {
        Locale::En => include_str!("../../../document-templates/en.privacy_notice.txt"),
        Locale::Mk => include_str!("../../../document-templates/mk.privacy_notice.txt"),
        Locale::Sq => include_str!("../../../document-templates/sq.privacy_notice.txt"),
        Locale::Bs => include_str!("../../../document-templates/bs.privacy_notice.txt"),
        Locale::Bg => include_str!("../../../document-templates/bg.privacy_notice.txt"),
        Locale::Hr => include_str!("../../../document-templates/hr.privacy_notice.txt"),
        Locale::El => include_str!("../../../document-templates/el.privacy_notice.txt"),
        Locale::Ro => include_str!("../../../document-templates/ro.privacy_notice.txt"),
        Locale::Sr => include_str!("../../../document-templates/sr.privacy_notice.txt"),
        Locale::Sl => include_str!("../../../document-templates/sl.privacy_notice.txt"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_has_the_whole_notice() {
        let english_paragraphs = privacy_notice(Locale::En).trim().split("\n\n").count();
        for locale in Locale::ALL {
            let text = privacy_notice(locale);
            assert!(text.contains("Innovation Awards"), "{locale:?}");
            assert_eq!(
                text.trim().split("\n\n").count(),
                english_paragraphs,
                "{locale:?} has a paragraph more or less than English"
            );
        }
    }
}
