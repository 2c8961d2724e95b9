//! Filters: which sockets a listing shows, beyond net-tools' `-l`/`-a`.
//!
//! One filter, read once from `--filter EXPR` (ss's grammar) and the simple
//! options (`--state`, `--sport`, `--dport`, `--port`, `--src`, `--dst`,
//! `--pid`, `--command`, `--uid`), all joined with "and". The kernel runs what
//! it can ([`Filter::state_mask`], [`Filter::bytecode`]); `dev`, `fwmark`
//! and `cgroup` test what only sock_diag reports, so no Internet table that
//! `/proc` serves can apply them ([`Filter::needs_sock_diag`]); the predicate
//! ([`Filter::matches_inet`], [`Filter::matches_unix`]) runs on every row
//! whatever the source, so `/proc` and netlink give the same rows.
//!
//! A filter only removes rows from what the same command would list without
//! it: `--state listen` shows listeners only together with `-l` or `-a`.

mod cgroup;
mod device;
mod expr;
mod kernel;
mod parse;
pub(crate) mod states;

pub use device::Absent;
pub use expr::{Expr, OwnerOf, SocketFacts};
pub use parse::{BadFilter, Simple};

use crate::model::{InetSocket, UnixSocket};
use expr::Subject;

/// The most held ports [`Filter::bytecode`] turns into comparisons.
const MAX_HELD_PORTS: usize = 64;

/// A parsed filter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Filter {
    expr: Expr,
    /// How many expressions and option values were joined into it.
    parts: usize,
}

/// The most filter options and expressions one command line may join: the
/// joined tree is walked recursively, so its depth stays bounded.
const MAX_PARTS: usize = parse::MAX_WORDS;

impl Filter {
    /// Parse a `--filter` expression.
    pub fn expression(text: &[u8]) -> Result<Expr, BadFilter> {
        parse::expression(text)
    }

    /// Parse the value of a simple filter option.
    pub fn simple(kind: Simple, value: &[u8]) -> Result<Expr, BadFilter> {
        parse::simple(kind, value)
    }

    /// `self` and also `e` (a filter starts as "everything"); refused past
    /// [`MAX_PARTS`] parts.
    pub fn and(self, e: Expr) -> Result<Filter, BadFilter> {
        if self.parts >= MAX_PARTS {
            return Err(BadFilter {
                option: "",
                word: String::new(),
                reason: format!("too many filter options (at most {MAX_PARTS})"),
            });
        }
        Ok(Filter {
            expr: Expr::and(self.expr, e),
            parts: self.parts + 1,
        })
    }

    pub fn matches_inet(&self, row: &InetSocket, owners: Option<&dyn OwnerOf>) -> bool {
        expr::eval(&self.expr, &Subject::Inet(row), owners)
    }

    /// Unix sockets have states (mapped as ss maps them: listening,
    /// connected = ESTABLISHED, connecting = SYN_SENT, else CLOSE) and
    /// owners, but no address, port or uid: those conditions are false. As
    /// in ss they are bound to no device (index 0), mark 0, cgroup 0.
    pub fn matches_unix(&self, row: &UnixSocket, owners: Option<&dyn OwnerOf>) -> bool {
        expr::eval(&self.expr, &Subject::Unix(row), owners)
    }

    /// Whether a packet, netlink or vsock socket matches.
    pub fn matches_other(&self, facts: &SocketFacts, owners: Option<&dyn OwnerOf>) -> bool {
        expr::eval(&self.expr, &Subject::Other(facts), owners)
    }

    /// The states a matching socket may be in (bit N: state N).
    pub fn state_mask(&self) -> u32 {
        kernel::state_mask(&self.expr)
    }

    /// INET_DIAG_REQ_BYTECODE for this filter (empty: none), with
    /// `remote_port_zero` also TCP's `-l` test, and with `local_ports` (the
    /// ports of the only processes the filter allows, see
    /// [`Filter::only_pids`]) a test for those too.
    pub fn bytecode(&self, remote_port_zero: bool, local_ports: Option<&[u16]>) -> Vec<u8> {
        let port = |end, port| Expr::Port {
            end,
            cmp: expr::Cmp::Eq,
            port,
        };
        let mut e = self.expr.clone();
        // Beyond a few dozen ports the kernel would spend more time running
        // the comparisons than it saves.
        if let Some(ports) = local_ports.filter(|ports| ports.len() <= MAX_HELD_PORTS) {
            let any = ports
                .iter()
                .map(|&p| port(expr::End::Local, p))
                .reduce(Expr::or)
                // A process with no Internet socket: no Internet row matches.
                .unwrap_or_else(|| Expr::negate(Expr::True));
            e = Expr::and(any, e);
        }
        if remote_port_zero {
            e = Expr::and(port(expr::End::Remote, 0), e);
        }
        kernel::bytecode(&e)
    }

    /// The one local port every matching socket has, if the filter says so
    /// (`sport = :22`, `--sport 22 --state established`): the kernel can
    /// skip other sockets before running the bytecode.
    pub fn only_local_port(&self) -> Option<u16> {
        only_port(&self.expr, expr::End::Local).filter(|&port| port != 0)
    }

    /// [`Filter::only_local_port`] for the foreign end.
    pub fn only_remote_port(&self) -> Option<u16> {
        only_port(&self.expr, expr::End::Remote).filter(|&port| port != 0)
    }

    /// Whether a condition needs the owner walk (`pid`, `command`).
    pub fn needs_owners(&self) -> bool {
        self.expr
            .any(&|e| matches!(e, Expr::Pid(_) | Expr::Command(_)))
    }

    /// Whether a condition tests what only sock_diag reports (`dev`,
    /// `fwmark`, `cgroup`): then no Internet table may be read from `/proc`.
    pub fn needs_sock_diag(&self) -> bool {
        self.expr
            .any(&|e| matches!(e, Expr::Dev(_) | Expr::Mark { .. } | Expr::Cgroup(_)))
    }

    /// This filter with every `dev NAME` turned into the interface's index
    /// in the caller's network namespace (a name that is no interface is
    /// read as a number, as ss reads it), or the name that is neither.
    pub fn with_interface_indexes(&self, absent: device::Absent) -> Result<Filter, BadFilter> {
        Ok(Filter {
            expr: device::indexes(&self.expr, absent)?,
            parts: self.parts,
        })
    }

    /// Whether a condition tests the uid.
    pub fn tests_uid(&self) -> bool {
        self.expr.any(&|e| matches!(e, Expr::Uid(_)))
    }

    /// The processes one of which owns every matching socket, when the filter
    /// says so (`--pid 12`, `pid 12 and sport 80`) and names no command: then
    /// the owner walk needs to look at those processes only.
    pub fn only_pids(&self) -> Option<Vec<u32>> {
        if self.expr.any(&|e| matches!(e, Expr::Command(_))) {
            return None;
        }
        required_pids(&self.expr)
    }
}

impl Default for Filter {
    fn default() -> Self {
        Filter {
            expr: Expr::True,
            parts: 0,
        }
    }
}

fn only_port(e: &Expr, end: expr::End) -> Option<u16> {
    match e {
        Expr::Port {
            end: at,
            cmp: expr::Cmp::Eq,
            port,
        }
        | Expr::Host {
            end: at,
            port: Some(port),
            ..
        } if *at == end => Some(*port),
        Expr::And(a, b) => only_port(a, end).or_else(|| only_port(b, end)),
        Expr::Or(a, b) => only_port(a, end).filter(|&port| only_port(b, end) == Some(port)),
        _ => None,
    }
}

fn required_pids(e: &Expr) -> Option<Vec<u32>> {
    match e {
        Expr::Pid(pid) => Some(vec![*pid]),
        Expr::And(a, b) => required_pids(a).or_else(|| required_pids(b)),
        Expr::Or(a, b) => {
            let mut pids = required_pids(a)?;
            pids.extend(required_pids(b)?);
            Some(pids)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filter(text: &str) -> Filter {
        Filter::default()
            .and(Filter::expression(text.as_bytes()).unwrap())
            .unwrap()
    }

    #[test]
    fn a_command_line_joins_a_bounded_number_of_filters() {
        let mut f = Filter::default();
        for _ in 0..MAX_PARTS {
            f = f.and(Expr::Pid(1)).unwrap();
        }
        assert!(f.and(Expr::Pid(1)).is_err());
    }

    #[test]
    fn single_ports_go_into_the_request() {
        assert_eq!(filter("sport = :22").only_local_port(), Some(22));
        assert_eq!(
            filter("src 10.0.0.1:22 state established").only_local_port(),
            Some(22)
        );
        assert_eq!(filter("sport 22 or sport 22").only_local_port(), Some(22));
        assert_eq!(filter("sport 22 or sport 23").only_local_port(), None);
        assert_eq!(filter("not sport 22").only_local_port(), None);
        assert_eq!(filter("sport >= 22").only_local_port(), None);
        assert_eq!(filter("dport = :0").only_remote_port(), None);
        assert_eq!(
            filter("sport 1 and dport 443").only_remote_port(),
            Some(443)
        );
    }

    #[test]
    fn owner_walks_narrow_to_required_pids() {
        assert_eq!(filter("pid 5").only_pids(), Some(vec![5]));
        assert_eq!(filter("sport 1 and pid 5").only_pids(), Some(vec![5]));
        assert_eq!(filter("pid 5 or pid 6").only_pids(), Some(vec![5, 6]));
        assert_eq!(filter("pid 5 or sport 1").only_pids(), None);
        assert_eq!(filter("not pid 5").only_pids(), None);
        assert_eq!(filter("pid 5 command x").only_pids(), None);
        assert!(filter("pid 5").needs_owners());
        assert!(!filter("sport 5").needs_owners());
        assert!(filter("uid 0").tests_uid());
    }
}
