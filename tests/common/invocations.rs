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

/// The IPv4 routing table at every detail level (spec §1.6), numeric and not, and the options
/// that do or do not matter to `-r`.
pub const ROUTE_FIB: &[&str] = &[
    "-r",
    "-rn",
    "-re",
    "-rne",
    "-ree",
    "-rnee",
    "-reee",
    "-reeee",
    "-reeeee",
    "-rN",
    "-r --numeric-hosts",
    "-r --numeric-ports",
    "-r --numeric-users",
    "-rW",
    "-rv",
    "-rF",
    "-rt",
    "-ru -a",
    "-r -4",
    "-r -A inet,inet",
    "--route",
    "--route --numeric",
];
