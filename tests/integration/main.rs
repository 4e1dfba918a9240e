//! One integration-test binary (faster to link on two cores); one module per area.

mod access;
mod access_data;
mod apps;
mod bad_input;
mod batch;
mod builder;
mod catalogue;
mod cli;
mod contracts;
mod controls;
mod convert;
mod fixtures;
mod frontend;
mod fuzz_regressions;
#[path = "../hostile/mod.rs"]
mod hostile;
mod journey;
mod layers;
mod overlay;
mod policy;
mod policy_choices;
mod properties;
mod real_samples;
mod reports;
mod review;
mod runtime;
mod support;
