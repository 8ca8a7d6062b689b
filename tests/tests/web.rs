//! The web pages in a real browser: headless Chromium driven over
//! WebDriver against the real server, on both databases.

mod web {
    mod a11y;
    mod jury;
    mod programmes;

    // The pages of each role; `helpers` is what several of them start from.
    mod admin;
    mod applicant;
    mod conversations;
    mod feedback;
    mod finance;
    mod helpers;
    mod jury_chair;
    mod partners;
    mod programme_manager;
    mod reviewer;
    mod security;
    mod showcase;
    mod teams;
    mod words;
}
