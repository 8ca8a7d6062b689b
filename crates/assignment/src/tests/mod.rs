//! Tests of the solver: one scenario per rule, optimality against brute
//! force and an independent reference solver, properties, the generator.

mod generator;
mod properties;
mod scenarios;
mod support;
