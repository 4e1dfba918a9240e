//! One integration-test binary (faster to link on two cores); one module per area.

mod access;
mod bad_input;
mod batch;
mod cli;
mod convert;
mod fixtures;
mod policy;
mod real_samples;
mod reports;
mod support;
