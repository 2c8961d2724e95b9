//! Argument lists more than one test file runs.

/// Every selection `-s` knows, for both families.
pub const STATISTICS: &[&str] = &[
    "-s",
    "-st",
    "-su",
    "-sw",
    "-sS",
    "-sU",
    "-stu",
    "-s6",
    "-s6 -t",
    "-s6 -u",
    "-s6 -w",
    "-s -A inet6",
    "-s -A unix",
    "-s -4 -6",
    "-s -c",
];
