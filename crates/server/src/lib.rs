//! The `grants` binary's parts, as a library so tests run the same code:
//! configuration, the buildable [`Application`], the command line and the demo data.

pub mod application;
pub mod backup;
pub mod cli;
pub mod config;
pub mod demo;
pub mod telemetry;

pub use application::Application;
pub use config::Config;
