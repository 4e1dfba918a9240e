//! InfoPath form internals: the members of each `.xsn` into the form part of the model —
//! the data model (XSD), the pages' controls (view XSL), rules and validations
//! (`manifest.xsf`), code lists.

pub mod xpath;
pub mod xsd;
