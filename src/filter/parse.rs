//! Reading filters: ss's expression grammar (`--filter`) and the simple
//! options (`--sport 80,443`, `--state established`, ...). Both build the
//! same [`Expr`].
//!
//! The grammar is ss's (iproute2 `misc/ssfilter.y`), so an expression copied
//! from an ss command line means what it meant there:
//!
//! * leading `state NAME` / `exclude NAME` words select states as ss's
//!   command line does (the named states, minus the excluded ones);
//! * then conditions: `src`/`dst` ADDRESS[/LEN][:PORT] (`[v6]:port` for IPv6
//!   with a port, `*` for any), `sport`/`dport` with `= == eq != ne neq < lt
//!   > gt <= le leq >= ge geq` (the operator `=` may be left out), joined by
//!   `and && & or || |` or by nothing (and), `not`/`!`, parentheses;
//! * `and` and `or` have the same precedence and group from the left, as in
//!   ss: `a or b and c` is `(a or b) and c`.
//!
//! * `dev [=|!=] NAME|INDEX`, `fwmark [=|!=] MARK[/MASK]` and
//!   `cgroup [=|!=] PATH` test what only sock_diag reports (see
//!   [`super::Filter::needs_sock_diag`]); a device name is looked up where
//!   the table is read, a cgroup path here (absolute, or relative to the
//!   cgroup2 mount, as ss reads it).
//!
//! This program adds `state NAME` and `exclude NAME` anywhere as conditions,
//! and `pid N`, `command NAME`, `uid N|USER` (the process and user
//! conditions). A host name in `src`/`dst` stands for all its addresses,
//! looked up through the system's resolver as ss does. `autobound` is
//! refused: sock_diag does not report whether a port was bound explicitly,
//! so the rows could not be checked.

use super::cgroup;
use super::expr::{Cmp, Device, End, Expr, Prefix};
use super::states;
use crate::names::{self, services, users};
use std::net::IpAddr;

/// A filter that could not be read: the option, the offending word, why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadFilter {
    pub option: &'static str,
    pub word: String,
    pub reason: String,
}

impl std::fmt::Display for BadFilter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (self.option, self.word.as_str()) {
            ("", _) => write!(f, "netstat: {}", self.reason),
            (option, "") => write!(f, "netstat: {option}: {}", self.reason),
            (option, word) => write!(f, "netstat: {option}: `{word}': {}", self.reason),
        }
    }
}

type Parsed<T> = Result<T, BadFilter>;

/// The simple filter options.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Simple {
    State,
    Sport,
    Dport,
    Port,
    Src,
    Dst,
    Pid,
    Command,
    Uid,
}

impl Simple {
    pub fn option(self) -> &'static str {
        match self {
            Simple::State => "--state",
            Simple::Sport => "--sport",
            Simple::Dport => "--dport",
            Simple::Port => "--port",
            Simple::Src => "--src",
            Simple::Dst => "--dst",
            Simple::Pid => "--pid",
            Simple::Command => "--command",
            Simple::Uid => "--uid",
        }
    }
}

/// The value of a simple option: a comma-separated list whose items any may
/// match (`--command` takes one name, which may hold commas).
pub fn simple(kind: Simple, value: &[u8]) -> Parsed<Expr> {
    let option = kind.option();
    if kind == Simple::Command {
        return Ok(Expr::Command(value.to_vec()));
    }
    let text = String::from_utf8_lossy(value);
    let mut any: Option<Expr> = None;
    if let Some(item) = text.split(',').nth(MAX_WORDS) {
        return Err(BadFilter {
            option,
            word: item.to_string(),
            reason: format!("the list is too long (at most {MAX_WORDS} items)"),
        });
    }
    for item in text.split(',') {
        let bad = |reason: &str| BadFilter {
            option,
            word: item.to_string(),
            reason: reason.to_string(),
        };
        if item.is_empty() {
            return Err(bad("an empty item in the list"));
        }
        let e = match kind {
            Simple::State => Expr::State(states::mask(item).ok_or_else(|| bad("unknown state"))?),
            Simple::Sport => port_range(End::Local, item, option)?,
            Simple::Dport => port_range(End::Remote, item, option)?,
            Simple::Port => Expr::or(
                port_range(End::Local, item, option)?,
                port_range(End::Remote, item, option)?,
            ),
            Simple::Src => host(End::Local, item, option)?,
            Simple::Dst => host(End::Remote, item, option)?,
            Simple::Pid => Expr::Pid(number(item).ok_or_else(|| bad("not a process id"))?),
            Simple::Uid => uid(item, option)?,
            Simple::Command => unreachable!("handled above"),
        };
        any = Some(match any {
            None => e,
            Some(before) => Expr::or(before, e),
        });
    }
    any.ok_or_else(|| BadFilter {
        option,
        word: String::new(),
        reason: "empty value".to_string(),
    })
}

/// `PORT` or `LOW-HIGH` (numbers or service names).
fn port_range(end: End, item: &str, option: &'static str) -> Parsed<Expr> {
    let bad = |reason: &str| BadFilter {
        option,
        word: item.to_string(),
        reason: reason.to_string(),
    };
    let one = |word: &str| port(word, option)?.ok_or_else(|| bad("needs a port, not `*'"));
    match item.split_once('-') {
        Some((low, high)) if !low.is_empty() && number(low).is_some() => {
            let (low, high) = (one(low)?, one(high)?);
            if low > high {
                return Err(bad("empty port range"));
            }
            Ok(Expr::and(
                Expr::Port {
                    end,
                    cmp: Cmp::Ge,
                    port: low,
                },
                Expr::Port {
                    end,
                    cmp: Cmp::Le,
                    port: high,
                },
            ))
        }
        _ => Ok(Expr::Port {
            end,
            cmp: Cmp::Eq,
            port: one(item)?,
        }),
    }
}

fn uid(item: &str, option: &'static str) -> Parsed<Expr> {
    number(item)
        .or_else(|| users::uid_by_name(item))
        .map(Expr::Uid)
        .ok_or_else(|| BadFilter {
            option,
            word: item.to_string(),
            reason: "no such user".to_string(),
        })
}

/// `MARK[/MASK]`, each a C number (`0x` hex, `0` octal, decimal) as ss
/// reads them; no mask: all 32 bits.
fn mark(word: &str) -> Option<Expr> {
    let (mark, mask) = match word.split_once('/') {
        Some((mark, mask)) => (c_number(mark)?, c_number(mask)?),
        None => (c_number(word)?, u32::MAX),
    };
    Some(Expr::Mark { mark, mask })
}

/// A u32 written as C writes one: `0x` hex, `0` octal, else decimal.
pub(super) fn c_number(word: &str) -> Option<u32> {
    let (digits, radix) = match word.strip_prefix("0x").or_else(|| word.strip_prefix("0X")) {
        Some(hex) => (hex, 16),
        None if word.len() > 1 && word.starts_with('0') => (&word[1..], 8),
        None => (word, 10),
    };
    if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
        return None;
    }
    u32::from_str_radix(digits, radix).ok()
}

/// A decimal u32, digits only.
fn number(word: &str) -> Option<u32> {
    if word.is_empty() || !word.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    word.parse().ok()
}

/// A port as ss reads one: `[:]NUMBER`, `[:]SERVICE`, or `*` (any: `None`).
fn port(word: &str, option: &'static str) -> Parsed<Option<u16>> {
    let bad = |reason: &str| BadFilter {
        option,
        word: word.to_string(),
        reason: reason.to_string(),
    };
    let text = word.strip_prefix(':').unwrap_or(word);
    if text == "*" {
        return Ok(None);
    }
    if text.is_empty() {
        return Err(bad("not a port"));
    }
    if text.bytes().all(|b| b.is_ascii_digit()) {
        return match text.parse::<u32>() {
            Ok(n) if n <= 65535 => Ok(Some(n as u16)),
            _ => Err(bad("port out of range (0-65535)")),
        };
    }
    services::port_by_name(text)
        .map(Some)
        .ok_or_else(|| bad("unknown service name"))
}

/// `src`/`dst` values: `*`, `ADDR[/LEN]`, `ADDR[/LEN]:PORT`, `[V6[/LEN]]:PORT`,
/// `*:PORT`, `:PORT`.
fn host(end: End, word: &str, option: &'static str) -> Parsed<Expr> {
    let bad = |reason: &str| BadFilter {
        option,
        word: word.to_string(),
        reason: reason.to_string(),
    };
    let (address, port_text) = if let Some(rest) = word.strip_prefix('[') {
        let (inside, after) = rest.split_once(']').ok_or_else(|| bad("missing `]'"))?;
        match after {
            "" => (inside, None),
            _ => (
                inside,
                Some(
                    after
                        .strip_prefix(':')
                        .ok_or_else(|| bad("expected `:PORT' after `]'"))?,
                ),
            ),
        }
    } else if word.matches(':').count() > 1 {
        (word, None)
    } else {
        match word.rsplit_once(':') {
            Some((address, port)) => (address, Some(port)),
            None => (word, None),
        }
    };
    let port = match port_text {
        Some(text) => port(text, option)?,
        None => None,
    };
    let prefixes = match address {
        "" | "*" => Vec::new(),
        text => match prefix(text) {
            Some(prefix) => vec![prefix],
            None => names::addresses::of_host(text)
                .ok_or_else(|| bad("not an IP address, prefix or known host name"))?
                .into_iter()
                .map(Prefix::full)
                .collect(),
        },
    };
    // A host name: any of its addresses.
    let any = prefixes
        .into_iter()
        .map(|prefix| Expr::Host {
            end,
            prefix: Some(prefix),
            port,
        })
        .reduce(Expr::or);
    Ok(match (any, port) {
        (Some(e), _) => e,
        (None, None) => Expr::True,
        (None, port) => Expr::Host {
            end,
            prefix: None,
            port,
        },
    })
}

/// `ADDR` or `ADDR/LEN`, numeric.
fn prefix(text: &str) -> Option<Prefix> {
    let (address, len) = match text.split_once('/') {
        Some((a, len)) => (a, Some(number(len)?)),
        None => (text, None),
    };
    match address.parse::<IpAddr>().ok()? {
        IpAddr::V4(a) => Some(Prefix::V4(a, bits(len, 32)?)),
        IpAddr::V6(a) => Some(Prefix::V6(a, bits(len, 128)?)),
    }
}

fn bits(len: Option<u32>, max: u8) -> Option<u8> {
    match len {
        None => Some(max),
        Some(n) if n <= u32::from(max) => Some(n as u8),
        Some(_) => None,
    }
}

const OPTION: &str = "--filter";

/// The longest expression and option list read: enough for any real filter,
/// and it bounds the depth of the tree every later step walks recursively.
pub const MAX_WORDS: usize = 1024;

/// Parse a `--filter` expression.
pub fn expression(text: &[u8]) -> Parsed<Expr> {
    let text = String::from_utf8_lossy(text);
    let mut parser = Parser {
        tokens: tokens(&text),
        at: 0,
        depth: 0,
    };
    if parser.tokens.len() > MAX_WORDS {
        return Err(parser.bad(
            parser.tokens[MAX_WORDS].clone(),
            &format!("the expression is too long (at most {MAX_WORDS} words)"),
        ));
    }
    let mut e = parser.leading_states()?;
    if parser.peek().is_some() {
        e = Expr::and(e, parser.list()?);
    }
    match parser.peek() {
        None => Ok(e),
        Some(word) => Err(parser.bad(word, "closes nothing")),
    }
}

/// Words split at blanks, with parentheses always words of their own.
fn tokens(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for word in text.split_ascii_whitespace() {
        let mut current = String::new();
        for c in word.chars() {
            if c == '(' || c == ')' {
                if !current.is_empty() {
                    out.push(std::mem::take(&mut current));
                }
                out.push(c.to_string());
            } else {
                current.push(c);
            }
        }
        if !current.is_empty() {
            out.push(current);
        }
    }
    out
}

/// Words that are never values.
fn reserved(word: &str) -> bool {
    matches!(
        word,
        "(" | ")"
            | "!"
            | "not"
            | "&"
            | "&&"
            | "and"
            | "|"
            | "||"
            | "or"
            | "src"
            | "dst"
            | "sport"
            | "dport"
            | "state"
            | "exclude"
            | "pid"
            | "command"
            | "uid"
            | "dev"
            | "fwmark"
            | "cgroup"
            | "autobound"
    ) || operator(word).is_some()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Op {
    Eq,
    Ne,
    Lt,
    Gt,
    Le,
    Ge,
}

fn operator(word: &str) -> Option<Op> {
    Some(match word {
        "=" | "==" | "eq" => Op::Eq,
        "!=" | "ne" | "neq" => Op::Ne,
        "<" | "lt" => Op::Lt,
        ">" | "gt" => Op::Gt,
        "<=" | "le" | "leq" => Op::Le,
        ">=" | "ge" | "geq" => Op::Ge,
        _ => return None,
    })
}

struct Parser {
    tokens: Vec<String>,
    at: usize,
    /// How many parentheses and negations enclose the current word.
    depth: usize,
}

/// The deepest nesting of parentheses and negations read.
const MAX_DEPTH: usize = 64;

impl Parser {
    fn peek(&self) -> Option<String> {
        self.tokens.get(self.at).cloned()
    }

    fn next(&mut self) -> Option<String> {
        let word = self.peek();
        self.at += usize::from(word.is_some());
        word
    }

    fn bad(&self, word: String, reason: &str) -> BadFilter {
        BadFilter {
            option: OPTION,
            word,
            reason: reason.to_string(),
        }
    }

    /// ss's command-line `state`/`exclude` words before the expression.
    fn leading_states(&mut self) -> Parsed<Expr> {
        let (mut chosen, mut excluded) = (None::<u32>, 0);
        while let Some(word) = self.peek().filter(|w| w == "state" || w == "exclude") {
            self.at += 1;
            let mask = self.state_value(&word)?;
            if word == "state" {
                chosen = Some(chosen.unwrap_or(0) | mask);
            } else {
                excluded |= mask;
            }
        }
        Ok(match (chosen, excluded) {
            (None, 0) => Expr::True,
            (chosen, excluded) => Expr::State(chosen.unwrap_or(states::ALL) & !excluded),
        })
    }

    fn state_value(&mut self, keyword: &str) -> Parsed<u32> {
        let name = self.value(keyword)?;
        states::mask(&name).ok_or_else(|| self.bad(name, "unknown state"))
    }

    /// The value after a keyword (and its operator).
    fn value(&mut self, after: &str) -> Parsed<String> {
        match self.next() {
            Some(word) if !reserved(&word) => Ok(word),
            Some(word) => Err(self.bad(word, &format!("expected a value after `{after}'"))),
            None => Err(self.bad(after.to_string(), "needs a value after it")),
        }
    }

    /// `expr { [and|or] expr }`, left to right.
    fn list(&mut self) -> Parsed<Expr> {
        let mut e = self.expr()?;
        while let Some(word) = self.peek() {
            let joined = match word.as_str() {
                ")" => break,
                "|" | "||" | "or" => Some(true),
                "&" | "&&" | "and" => Some(false),
                _ => None,
            };
            if joined.is_some() {
                self.at += 1;
                if matches!(self.peek().as_deref(), None | Some(")")) {
                    return Err(self.bad(word, "needs a condition after it"));
                }
            }
            let next = self.expr()?;
            e = if joined == Some(true) {
                Expr::or(e, next)
            } else {
                Expr::And(Box::new(e), Box::new(next))
            };
        }
        Ok(e)
    }

    fn expr(&mut self) -> Parsed<Expr> {
        let Some(word) = self.next() else {
            return Err(self.bad(String::new(), "expected a condition"));
        };
        if matches!(word.as_str(), "(" | "!" | "not") {
            if self.depth == MAX_DEPTH {
                return Err(self.bad(word, &format!("nested too deeply (at most {MAX_DEPTH})")));
            }
            self.depth += 1;
            let e = self.nested(word);
            self.depth -= 1;
            return e;
        }
        self.condition(word)
    }

    /// A parenthesised list (after `(`) or a negation (after `!`, `not`).
    fn nested(&mut self, word: String) -> Parsed<Expr> {
        match word == "(" {
            true => {
                if self.peek().as_deref() == Some(")") {
                    return Err(self.bad(word, "empty parentheses"));
                }
                if self.peek().is_none() {
                    return Err(self.bad(word, "is never closed"));
                }
                let e = self.list()?;
                match self.next() {
                    Some(close) if close == ")" => Ok(e),
                    _ => Err(self.bad(word, "is never closed")),
                }
            }
            false => {
                if self.peek().is_none() {
                    return Err(self.bad(word, "needs a condition after it"));
                }
                Ok(Expr::negate(self.expr()?))
            }
        }
    }

    /// A condition, after its first word.
    fn condition(&mut self, word: String) -> Parsed<Expr> {
        match word.as_str() {
            "src" | "dst" | "sport" | "dport" => {
                // `s...` looks at the local end, `d...` at the foreign one.
                let end = if word.starts_with('s') {
                    End::Local
                } else {
                    End::Remote
                };
                let op = self.operator();
                let value = self.value(&word)?;
                if word.ends_with("port") {
                    return self.port_condition(end, op, &value);
                }
                let e = host(end, &value, OPTION)?;
                match op {
                    Op::Eq => Ok(e),
                    Op::Ne => Ok(Expr::negate(e)),
                    _ => Err(self.bad(word, "addresses compare only with = and !=")),
                }
            }
            "state" | "exclude" => {
                let mask = self.state_value(&word)?;
                Ok(if word == "state" {
                    Expr::State(mask)
                } else {
                    Expr::negate(Expr::State(mask))
                })
            }
            "pid" => {
                self.equals(&word)?;
                let value = self.value(&word)?;
                simple(Simple::Pid, value.as_bytes()).map_err(|e| self.bad(e.word, &e.reason))
            }
            "uid" => {
                self.equals(&word)?;
                let value = self.value(&word)?;
                uid(&value, OPTION)
            }
            "command" => {
                self.equals(&word)?;
                Ok(Expr::Command(self.value(&word)?.into_bytes()))
            }
            "dev" | "fwmark" | "cgroup" => {
                let equal = self.equal_or_not(&word)?;
                let value = self.value(&word)?;
                let e = match word.as_str() {
                    "dev" => Expr::Dev(Device::Named(value)),
                    "fwmark" => mark(&value).ok_or_else(|| self.bad(value, "not a MARK[/MASK]"))?,
                    _ => Expr::Cgroup(cgroup::id(&value).map_err(|why| self.bad(value, &why))?),
                };
                Ok(if equal { e } else { Expr::negate(e) })
            }
            "autobound" => Err(self.bad(
                word,
                "not supported (sock_diag does not report how a port was bound)",
            )),
            ")" => Err(self.bad(word, "closes nothing")),
            _ if reserved(&word) => Err(self.bad(word, "expected a condition")),
            _ => Err(self.bad(word, "not a filter condition")),
        }
    }

    /// An optional comparison operator (`=` when left out).
    fn operator(&mut self) -> Op {
        match self.peek().as_deref().and_then(operator) {
            Some(op) => {
                self.at += 1;
                op
            }
            None => Op::Eq,
        }
    }

    /// `=` (or none) or `!=` before a value: whether it was `=`.
    fn equal_or_not(&mut self, keyword: &str) -> Parsed<bool> {
        match self.operator() {
            Op::Eq => Ok(true),
            Op::Ne => Ok(false),
            _ => Err(self.bad(keyword.to_string(), "compares only with = and !=")),
        }
    }

    /// An optional `=` before a value that only compares for equality.
    fn equals(&mut self, keyword: &str) -> Parsed<()> {
        match self.operator() {
            Op::Eq => Ok(()),
            _ => Err(self.bad(keyword.to_string(), "compares only with =")),
        }
    }

    /// ss's port conditions: `=` and `!=` test the port alone (`*` is any),
    /// `<` and `>` are the negations of `>=` and `<=`.
    fn port_condition(&self, end: End, op: Op, value: &str) -> Parsed<Expr> {
        let port = port(value, OPTION)?;
        let equal = match port {
            Some(port) => Expr::Host {
                end,
                prefix: None,
                port: Some(port),
            },
            None => Expr::True,
        };
        let compare = |cmp| match port {
            Some(port) => Ok(Expr::Port { end, cmp, port }),
            None => Err(self.bad(value.to_string(), "needs a port number, not `*'")),
        };
        Ok(match op {
            Op::Eq => equal,
            Op::Ne => Expr::negate(equal),
            Op::Ge => compare(Cmp::Ge)?,
            Op::Le => compare(Cmp::Le)?,
            Op::Gt => Expr::negate(compare(Cmp::Le)?),
            Op::Lt => Expr::negate(compare(Cmp::Ge)?),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::{Ipv4Addr, Ipv6Addr};

    fn sport(port: u16) -> Expr {
        Expr::Host {
            end: End::Local,
            prefix: None,
            port: Some(port),
        }
    }

    fn dport(port: u16) -> Expr {
        Expr::Host {
            end: End::Remote,
            prefix: None,
            port: Some(port),
        }
    }

    fn err(text: &str) -> BadFilter {
        expression(text.as_bytes()).unwrap_err()
    }

    #[test]
    fn ss_expressions() {
        assert_eq!(expression(b"sport = :443").unwrap(), sport(443));
        assert_eq!(expression(b"sport :443").unwrap(), sport(443));
        assert_eq!(expression(b"sport eq 443").unwrap(), sport(443));
        assert_eq!(
            expression(b"( sport = :443 or dport = :443 )").unwrap(),
            Expr::or(sport(443), dport(443))
        );
        assert_eq!(
            expression(b"(sport = :1 or dport = :2)").unwrap(),
            Expr::or(sport(1), dport(2))
        );
        assert_eq!(expression(b"sport != 5").unwrap(), Expr::negate(sport(5)));
        assert_eq!(
            expression(b"dport > :1024").unwrap(),
            Expr::negate(Expr::Port {
                end: End::Remote,
                cmp: Cmp::Le,
                port: 1024
            })
        );
        assert_eq!(expression(b"sport = *").unwrap(), Expr::True);
        assert_eq!(expression(b"").unwrap(), Expr::True);
    }

    #[test]
    fn and_or_are_equal_and_group_from_the_left_as_in_ss() {
        let a_or_b_and_c = expression(b"sport 1 or sport 2 and dport 3").unwrap();
        assert_eq!(
            a_or_b_and_c,
            Expr::And(Box::new(Expr::or(sport(1), sport(2))), Box::new(dport(3)))
        );
        let juxtaposed = expression(b"sport 1 dport 3").unwrap();
        assert_eq!(
            juxtaposed,
            Expr::And(Box::new(sport(1)), Box::new(dport(3)))
        );
        assert_eq!(
            expression(b"not sport 1 or sport 2").unwrap(),
            Expr::or(Expr::negate(sport(1)), sport(2))
        );
    }

    #[test]
    fn leading_states_are_ss_command_line_states() {
        let e = expression(b"state established state time-wait sport 22").unwrap();
        assert_eq!(
            e,
            Expr::and(
                Expr::State(1 << states::ESTABLISHED | 1 << states::TIME_WAIT),
                sport(22)
            )
        );
        assert_eq!(
            expression(b"exclude listening").unwrap(),
            Expr::State(states::ALL & !(1 << states::LISTEN))
        );
    }

    #[test]
    fn addresses_prefixes_and_ports() {
        let src = |s: &str| expression(format!("src {s}").as_bytes()).unwrap();
        assert_eq!(
            src("10.0.0.0/8"),
            Expr::Host {
                end: End::Local,
                prefix: Some(Prefix::V4(Ipv4Addr::new(10, 0, 0, 0), 8)),
                port: None
            }
        );
        assert_eq!(
            src("127.0.0.1:22"),
            Expr::Host {
                end: End::Local,
                prefix: Some(Prefix::V4(Ipv4Addr::LOCALHOST, 32)),
                port: Some(22)
            }
        );
        assert_eq!(
            src("[::1]:22"),
            Expr::Host {
                end: End::Local,
                prefix: Some(Prefix::V6(Ipv6Addr::LOCALHOST, 128)),
                port: Some(22)
            }
        );
        assert_eq!(
            src("fe80::/10"),
            Expr::Host {
                end: End::Local,
                prefix: Some(Prefix::V6("fe80::".parse().unwrap(), 10)),
                port: None
            }
        );
        assert_eq!(src("*:22"), sport(22));
        assert_eq!(src("*"), Expr::True);
    }

    #[test]
    fn bad_filters_name_the_offending_word() {
        let e = err("state bogus");
        assert_eq!(e.word, "bogus");
        assert_eq!(e.to_string(), "netstat: --filter: `bogus': unknown state");
        assert_eq!(err("sport = :70000").word, ":70000");
        assert!(err("sport = :70000").reason.contains("out of range"));
        assert_eq!(err("src 300.1.1.1").word, "300.1.1.1");
        assert_eq!(err("( sport = :1").word, "(");
        assert_eq!(err("( sport = :1").reason, "is never closed");
        assert_eq!(err("sport = :1 )").word, ")");
        assert_eq!(err("sport = :1 and").word, "and");
        assert_eq!(err("sport = :1 or").word, "or");
        assert_eq!(err("sport").word, "sport");
        assert_eq!(err("sport = and").word, "and");
        assert_eq!(err("frobnicate").word, "frobnicate");
        assert_eq!(err("autobound").word, "autobound");
        assert_eq!(err("fwmark = 0x1/zz").word, "0x1/zz");
        assert_eq!(err("fwmark 4294967296").word, "4294967296");
        assert_eq!(err("dev > 3").word, "dev");
        assert_eq!(err("dev").word, "dev");
        assert_eq!(err("cgroup = and").word, "and");
        assert!(
            err("cgroup /no/such/cgroup/here")
                .reason
                .contains("no such cgroup")
        );
        assert_eq!(err("not").word, "not");
        assert_eq!(err("( )").word, "(");
        assert_eq!(err("src 10.0.0.0/33").word, "10.0.0.0/33");
        assert_eq!(err("src < 1.2.3.4").word, "src");
        assert_eq!(err("sport > *").word, "*");
        assert_eq!(err("sport nosuchservice").word, "nosuchservice");
    }

    #[test]
    fn device_mark_and_cgroup_conditions() {
        let dev = |name: &str| Expr::Dev(Device::Named(name.to_string()));
        assert_eq!(expression(b"dev = eth0").unwrap(), dev("eth0"));
        assert_eq!(expression(b"dev eth0").unwrap(), dev("eth0"));
        assert_eq!(expression(b"dev == 3").unwrap(), dev("3"));
        assert_eq!(expression(b"dev != lo").unwrap(), Expr::negate(dev("lo")));
        let mark = |mark, mask| Expr::Mark { mark, mask };
        assert_eq!(expression(b"fwmark = 0x15").unwrap(), mark(0x15, u32::MAX));
        assert_eq!(expression(b"fwmark 21/0xff").unwrap(), mark(21, 0xff));
        assert_eq!(expression(b"fwmark = 010/0").unwrap(), mark(8, 0));
        assert_eq!(
            expression(b"fwmark != 1").unwrap(),
            Expr::negate(mark(1, u32::MAX))
        );
        // The root of the cgroup2 hierarchy, if mounted.
        if let Ok(root) = cgroup::id(".") {
            assert_eq!(expression(b"cgroup .").unwrap(), Expr::Cgroup(root));
            assert_eq!(
                expression(b"cgroup != .").unwrap(),
                Expr::negate(Expr::Cgroup(root))
            );
        }
        assert_eq!(
            expression(b"dev = lo and not fwmark 1").unwrap(),
            Expr::And(
                Box::new(dev("lo")),
                Box::new(Expr::negate(mark(1, u32::MAX)))
            )
        );
    }

    #[test]
    fn c_numbers() {
        assert_eq!(c_number("0"), Some(0));
        assert_eq!(c_number("0x1F"), Some(31));
        assert_eq!(c_number("017"), Some(15));
        assert_eq!(c_number("4294967295"), Some(u32::MAX));
        for bad in ["", "0x", "08", "-1", "1a", "4294967296"] {
            assert_eq!(c_number(bad), None, "{bad}");
        }
    }

    #[test]
    fn huge_filters_are_refused_not_overflowed() {
        let deep = "( ".repeat(100_000);
        assert!(err(&deep).reason.contains("too long"));
        let long = vec!["sport 1"; 5000].join(" or ");
        assert!(err(&long).reason.contains("too long"));
        let list = vec!["1"; 5000].join(",");
        assert!(
            simple(Simple::Sport, list.as_bytes())
                .unwrap_err()
                .reason
                .contains("too long")
        );
        // The longest accepted ones still parse.
        let nested = format!("{}sport 1{}", "( ".repeat(64), " )".repeat(64));
        assert!(expression(nested.as_bytes()).is_ok());
        let deeper = format!("{}sport 1{}", "( ".repeat(65), " )".repeat(65));
        assert!(err(&deeper).reason.contains("too deeply"));
        assert!(err(&"not ".repeat(100)).reason.contains("too deeply"));
        let list = vec!["1"; MAX_WORDS].join(",");
        assert!(simple(Simple::Sport, list.as_bytes()).is_ok());
    }

    #[test]
    fn simple_options() {
        assert_eq!(
            simple(Simple::Sport, b"22,80").unwrap(),
            Expr::or(
                Expr::Port {
                    end: End::Local,
                    cmp: Cmp::Eq,
                    port: 22
                },
                Expr::Port {
                    end: End::Local,
                    cmp: Cmp::Eq,
                    port: 80
                }
            )
        );
        assert_eq!(
            simple(Simple::Dport, b"1000-2000").unwrap(),
            Expr::and(
                Expr::Port {
                    end: End::Remote,
                    cmp: Cmp::Ge,
                    port: 1000
                },
                Expr::Port {
                    end: End::Remote,
                    cmp: Cmp::Le,
                    port: 2000
                }
            )
        );
        assert_eq!(
            simple(Simple::State, b"LISTEN,established").unwrap(),
            Expr::or(
                Expr::State(1 << states::LISTEN),
                Expr::State(1 << states::ESTABLISHED)
            )
        );
        assert_eq!(simple(Simple::Pid, b"12").unwrap(), Expr::Pid(12));
        assert_eq!(simple(Simple::Uid, b"0").unwrap(), Expr::Uid(0));
        assert_eq!(
            simple(Simple::Command, b"a,b").unwrap(),
            Expr::Command(b"a,b".to_vec())
        );
        let bad = simple(Simple::Sport, b"70000").unwrap_err();
        assert_eq!(
            bad.to_string(),
            "netstat: --sport: `70000': port out of range (0-65535)"
        );
        assert_eq!(simple(Simple::Port, b"9-3").unwrap_err().word, "9-3");
        let empty = simple(Simple::State, b"LISTEN,").unwrap_err();
        assert_eq!(
            empty.to_string(),
            "netstat: --state: an empty item in the list"
        );
        assert_eq!(simple(Simple::Pid, b"x").unwrap_err().word, "x");
        assert_eq!(
            simple(Simple::Src, b"300.1.1.1").unwrap_err().word,
            "300.1.1.1"
        );
    }
}
