//! The web pages in a real browser: headless Chromium driven over
//! WebDriver against the real server, on both databases.

mod web {
    mod a11y;
    mod jury;
    mod pages;
    mod programmes;
}
