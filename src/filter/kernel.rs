//! What the kernel can run of a filter: the sock_diag state mask and
//! `INET_DIAG_REQ_BYTECODE` for ports and addresses.
//!
//! The kernel only ever narrows the dump; the in-process predicate still runs
//! on every row (sock_diag reports the interface, mark and cgroup the kernel
//! tests, so both agree). So what the kernel cannot test (owners, uids) is relaxed to
//! "may match": such a condition becomes true where it is not negated and
//! false where it is, which keeps the kernel's answer a superset.
//!
//! The encoding is the kernel's (net/ipv4/inet_diag.c, `inet_diag_bc_run` and
//! the verifier `inet_diag_bc_audit`): a sequence of 4-byte ops `{code, yes,
//! no}`, some followed by operands. An op's test true moves on by `yes` bytes,
//! false by `no`; reaching exactly the end accepts the socket, jumping 4 bytes
//! past it rejects. The verifier wants every `yes` and `no` a multiple of 4, at
//! least the op's own length, landing on an op reached by following the `yes`
//! chain or on the end (or end + 4). So here `yes` always steps to the next op
//! and only `no` jumps, always forward.

use super::expr::{Cmp, Device, End, Expr, Prefix};

const INET_DIAG_BC_JMP: u8 = 1;
const INET_DIAG_BC_S_GE: u8 = 2;
const INET_DIAG_BC_S_LE: u8 = 3;
const INET_DIAG_BC_D_GE: u8 = 4;
const INET_DIAG_BC_D_LE: u8 = 5;
const INET_DIAG_BC_S_COND: u8 = 7;
const INET_DIAG_BC_D_COND: u8 = 8;
const INET_DIAG_BC_DEV_COND: u8 = 9;
const INET_DIAG_BC_MARK_COND: u8 = 10;
const INET_DIAG_BC_S_EQ: u8 = 11;
const INET_DIAG_BC_D_EQ: u8 = 12;
const INET_DIAG_BC_CGROUP_COND: u8 = 13;

/// The states a row matching `e` may be in (bit N: state N), a superset.
pub fn state_mask(e: &Expr) -> u32 {
    (0..32)
        .filter(|&state| decided(e, state) != Some(false))
        .fold(0, |mask, state| mask | 1 << state)
}

/// `e` for a row in `state`, where only the state is known: `None` if that
/// does not decide it.
fn decided(e: &Expr, state: u32) -> Option<bool> {
    match e {
        Expr::True => Some(true),
        Expr::State(mask) => Some(mask & (1 << state) != 0),
        Expr::Not(a) => decided(a, state).map(|a| !a),
        Expr::And(a, b) => match (decided(a, state), decided(b, state)) {
            (Some(false), _) | (_, Some(false)) => Some(false),
            (Some(true), Some(true)) => Some(true),
            _ => None,
        },
        Expr::Or(a, b) => match (decided(a, state), decided(b, state)) {
            (Some(true), _) | (_, Some(true)) => Some(true),
            (Some(false), Some(false)) => Some(false),
            _ => None,
        },
        _ => None,
    }
}

/// The part of a filter the bytecode can say.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Code {
    Const(bool),
    /// One op and its operands.
    Test(u8, Vec<u8>),
    Not(Box<Code>),
    And(Box<Code>, Box<Code>),
    Or(Box<Code>, Box<Code>),
}

/// `e` with every condition the kernel cannot test replaced by a constant
/// that keeps the result a superset (`positive`: not under a negation).
fn relax(e: &Expr, positive: bool) -> Code {
    match e {
        Expr::True => Code::Const(true),
        Expr::Port { end, cmp, port } => port_test(*end, *cmp, *port),
        Expr::Host {
            end,
            prefix,
            port: Some(port),
        } if prefix.is_none() => port_test(*end, Cmp::Eq, *port),
        Expr::Host { end, prefix, port } => host_test(*end, prefix.as_ref(), *port),
        Expr::Not(a) => match relax(a, !positive) {
            Code::Const(c) => Code::Const(!c),
            a => Code::Not(Box::new(a)),
        },
        Expr::And(a, b) => match (relax(a, positive), relax(b, positive)) {
            (Code::Const(false), _) | (_, Code::Const(false)) => Code::Const(false),
            (Code::Const(true), x) | (x, Code::Const(true)) => x,
            (a, b) => Code::And(Box::new(a), Box::new(b)),
        },
        Expr::Or(a, b) => match (relax(a, positive), relax(b, positive)) {
            (Code::Const(true), _) | (_, Code::Const(true)) => Code::Const(true),
            (Code::Const(false), x) | (x, Code::Const(false)) => x,
            (a, b) => Code::Or(Box::new(a), Box::new(b)),
        },
        // Operands: the u32 index; `struct inet_diag_markcond` {mark, mask};
        // the u64 cgroup id.
        Expr::Dev(Device::Index(index)) => {
            Code::Test(INET_DIAG_BC_DEV_COND, index.to_ne_bytes().to_vec())
        }
        Expr::Mark { mark, mask } => Code::Test(
            INET_DIAG_BC_MARK_COND,
            [mark.to_ne_bytes(), mask.to_ne_bytes()].concat(),
        ),
        Expr::Cgroup(id) => Code::Test(INET_DIAG_BC_CGROUP_COND, id.to_ne_bytes().to_vec()),
        Expr::State(_)
        | Expr::Pid(_)
        | Expr::Command(_)
        | Expr::Uid(_)
        | Expr::Dev(Device::Named(_)) => Code::Const(positive),
    }
}

/// A port comparison: the op, then an op whose `no` field is the port.
fn port_test(end: End, cmp: Cmp, port: u16) -> Code {
    let code = match (end, cmp) {
        (End::Local, Cmp::Eq) => INET_DIAG_BC_S_EQ,
        (End::Local, Cmp::Ge) => INET_DIAG_BC_S_GE,
        (End::Local, Cmp::Le) => INET_DIAG_BC_S_LE,
        (End::Remote, Cmp::Eq) => INET_DIAG_BC_D_EQ,
        (End::Remote, Cmp::Ge) => INET_DIAG_BC_D_GE,
        (End::Remote, Cmp::Le) => INET_DIAG_BC_D_LE,
    };
    let mut operand = vec![0, 0];
    operand.extend_from_slice(&port.to_ne_bytes());
    Code::Test(code, operand)
}

/// `struct inet_diag_hostcond` {family, prefix_len, port (-1: any), address}.
fn host_test(end: End, prefix: Option<&Prefix>, port: Option<u16>) -> Code {
    let code = match end {
        End::Local => INET_DIAG_BC_S_COND,
        End::Remote => INET_DIAG_BC_D_COND,
    };
    let (family, len, address): (i32, u8, Vec<u8>) = match prefix {
        None => (libc::AF_UNSPEC, 0, Vec::new()),
        Some(Prefix::V4(a, len)) => (libc::AF_INET, *len, a.octets().to_vec()),
        Some(Prefix::V6(a, len)) => (libc::AF_INET6, *len, a.octets().to_vec()),
    };
    let mut operand = vec![family as u8, len, 0, 0];
    operand.extend_from_slice(&port.map_or(-1, i32::from).to_ne_bytes());
    operand.extend_from_slice(&address);
    Code::Test(code, operand)
}

/// A jump target: a label, or the reject point past the end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    Label(usize),
    Reject,
}

enum Step {
    /// An op that falls through when true and jumps when false.
    Test(u8, Vec<u8>, Target),
    /// An unconditional jump.
    Jump(Target),
    Label(usize),
}

struct Emitter {
    steps: Vec<Step>,
    labels: usize,
}

impl Emitter {
    fn label(&mut self) -> usize {
        self.labels += 1;
        self.labels - 1
    }

    /// Code that falls through when `code` holds and jumps to `on_false`
    /// when it does not.
    fn emit(&mut self, code: &Code, on_false: Target) {
        match code {
            Code::Const(true) => {}
            Code::Const(false) => self.steps.push(Step::Jump(on_false)),
            Code::Test(op, operand) => self.steps.push(Step::Test(*op, operand.clone(), on_false)),
            Code::And(a, b) => {
                self.emit(a, on_false);
                self.emit(b, on_false);
            }
            Code::Or(a, b) => {
                let (second, done) = (self.label(), self.label());
                self.emit(a, Target::Label(second));
                self.steps.push(Step::Jump(Target::Label(done)));
                self.steps.push(Step::Label(second));
                self.emit(b, on_false);
                self.steps.push(Step::Label(done));
            }
            Code::Not(a) => {
                let held = self.label();
                self.emit(a, Target::Label(held));
                self.steps.push(Step::Jump(on_false));
                self.steps.push(Step::Label(held));
            }
        }
    }
}

/// The longest bytecode sent: the attribute's length and every jump are
/// 16-bit; a longer program is left to the predicate alone.
const MAX_LEN: usize = 60_000;

/// The bytecode for `e`; empty when the kernel can rule nothing out (or the
/// program would be too long to send).
pub fn bytecode(e: &Expr) -> Vec<u8> {
    let code = relax(e, true);
    if code == Code::Const(true) {
        return Vec::new();
    }
    let mut emitter = Emitter {
        steps: Vec::new(),
        labels: 0,
    };
    emitter.emit(&code, Target::Reject);
    let size = |step: &Step| match step {
        Step::Test(_, operand, _) => 4 + operand.len(),
        Step::Jump(_) => 4,
        Step::Label(_) => 0,
    };
    let mut at = vec![0; emitter.labels];
    let mut end = 0;
    for step in &emitter.steps {
        if let Step::Label(label) = step {
            at[*label] = end;
        }
        end += size(step);
    }
    if end > MAX_LEN {
        return Vec::new();
    }
    let mut out = Vec::with_capacity(end);
    for step in &emitter.steps {
        let here = out.len();
        let offset = |target: &Target| {
            let to = match target {
                Target::Label(label) => at[*label],
                Target::Reject => end + 4,
            };
            ((to - here) as u16).to_ne_bytes()
        };
        match step {
            Step::Test(op, operand, on_false) => {
                out.extend_from_slice(&[*op, size(step) as u8]);
                out.extend_from_slice(&offset(on_false));
                out.extend_from_slice(operand);
            }
            Step::Jump(target) => {
                out.extend_from_slice(&[INET_DIAG_BC_JMP, 4]);
                out.extend_from_slice(&offset(target));
            }
            Step::Label(_) => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::filter::states;
    use std::net::Ipv4Addr;

    fn sport(port: u16) -> Expr {
        Expr::Port {
            end: End::Local,
            cmp: Cmp::Eq,
            port,
        }
    }

    /// The kernel's interpreter, for the port ops, on a socket with these
    /// ports: true when the program accepts it.
    fn run(code: &[u8], sport: u16, dport: u16) -> bool {
        let mut at = 0usize;
        let len = code.len();
        while at < len {
            let op = code[at];
            let yes = usize::from(code[at + 1]);
            let no = usize::from(u16::from_ne_bytes([code[at + 2], code[at + 3]]));
            let port = || u16::from_ne_bytes([code[at + 6], code[at + 7]]);
            let holds = match op {
                INET_DIAG_BC_JMP => false,
                INET_DIAG_BC_S_EQ => sport == port(),
                INET_DIAG_BC_S_GE => sport >= port(),
                INET_DIAG_BC_S_LE => sport <= port(),
                INET_DIAG_BC_D_EQ => dport == port(),
                INET_DIAG_BC_D_GE => dport >= port(),
                INET_DIAG_BC_D_LE => dport <= port(),
                other => panic!("op {other}"),
            };
            // The verifier's rules.
            assert!(yes >= 4 && yes % 4 == 0 && no >= yes && no % 4 == 0);
            assert!(at + no <= len + 4);
            at += if holds { yes } else { no };
        }
        at == len
    }

    #[test]
    fn compiled_programs_mean_the_expression() {
        let dport = |port| Expr::Port {
            end: End::Remote,
            cmp: Cmp::Eq,
            port,
        };
        let exprs = [
            sport(22),
            Expr::negate(sport(22)),
            Expr::or(sport(22), dport(80)),
            Expr::and(sport(22), Expr::negate(dport(80))),
            Expr::negate(Expr::or(sport(1), Expr::and(sport(2), dport(3)))),
            Expr::or(
                Expr::and(
                    Expr::Port {
                        end: End::Local,
                        cmp: Cmp::Ge,
                        port: 10,
                    },
                    Expr::Port {
                        end: End::Local,
                        cmp: Cmp::Le,
                        port: 20,
                    },
                ),
                Expr::negate(Expr::or(dport(3), dport(4))),
            ),
        ];
        for e in &exprs {
            let code = bytecode(e);
            for s in [0, 1, 2, 3, 10, 15, 20, 21, 22] {
                for d in [0, 3, 4, 80, 81] {
                    let row = super::super::expr::tests::row(
                        &format!("127.0.0.1:{s}"),
                        &format!("127.0.0.1:{d}"),
                        1,
                    );
                    let expected =
                        super::super::expr::eval(e, &super::super::expr::Subject::Inet(&row), None);
                    assert_eq!(run(&code, s, d), expected, "{e:?} sport {s} dport {d}");
                }
            }
        }
    }

    #[test]
    fn the_listening_test_keeps_its_encoding() {
        let code = bytecode(&Expr::Port {
            end: End::Remote,
            cmp: Cmp::Eq,
            port: 0,
        });
        assert_eq!(code, [12, 8, 12, 0, 0, 0, 0, 0]);
    }

    #[test]
    fn what_the_kernel_cannot_test_is_relaxed_to_a_superset() {
        assert!(bytecode(&Expr::Pid(1)).is_empty());
        assert!(bytecode(&Expr::negate(Expr::Uid(1))).is_empty());
        // `not (pid 1 and sport 22)` may hold for any port.
        assert!(bytecode(&Expr::negate(Expr::and(Expr::Pid(1), sport(22)))).is_empty());
        assert_eq!(
            bytecode(&Expr::and(Expr::Pid(1), sport(22))),
            bytecode(&sport(22))
        );
        // `sport 22 or uid 0`: any socket may match.
        assert!(bytecode(&Expr::or(sport(22), Expr::Uid(0))).is_empty());
    }

    #[test]
    fn host_conditions_are_hostcond_ops() {
        let e = Expr::Host {
            end: End::Remote,
            prefix: Some(Prefix::V4(Ipv4Addr::new(10, 0, 0, 0), 8)),
            port: Some(80),
        };
        let code = bytecode(&e);
        assert_eq!(code.len(), 16);
        assert_eq!(&code[..4], &[INET_DIAG_BC_D_COND, 16, 20, 0]);
        assert_eq!(&code[4..8], &[libc::AF_INET as u8, 8, 0, 0]);
        assert_eq!(&code[8..12], &80i32.to_ne_bytes());
        assert_eq!(&code[12..], &[10, 0, 0, 0]);
    }

    #[test]
    fn device_mark_and_cgroup_conditions_are_their_ops() {
        let code = bytecode(&Expr::Dev(Device::Index(7)));
        assert_eq!(&code[..4], &[INET_DIAG_BC_DEV_COND, 8, 12, 0]);
        assert_eq!(&code[4..], &7u32.to_ne_bytes());
        let code = bytecode(&Expr::Mark {
            mark: 0x10,
            mask: 0xf0,
        });
        assert_eq!(&code[..4], &[INET_DIAG_BC_MARK_COND, 12, 16, 0]);
        assert_eq!(&code[4..8], &0x10u32.to_ne_bytes());
        assert_eq!(&code[8..], &0xf0u32.to_ne_bytes());
        let code = bytecode(&Expr::negate(Expr::Cgroup(1 << 40)));
        // The test, a jump to reject when it held, then the end.
        assert_eq!(&code[..4], &[INET_DIAG_BC_CGROUP_COND, 12, 16, 0]);
        assert_eq!(&code[4..12], &(1u64 << 40).to_ne_bytes());
        assert_eq!(&code[12..], &[INET_DIAG_BC_JMP, 4, 8, 0]);
        // A name not yet looked up is no test.
        assert!(bytecode(&Expr::Dev(Device::Named("lo".to_string()))).is_empty());
    }

    #[test]
    fn programs_too_long_to_send_are_not_sent() {
        // A balanced tree: long, but shallow enough for any stack.
        fn any_of(ports: &[u16]) -> Expr {
            match ports {
                [port] => sport(*port),
                _ => {
                    let (a, b) = ports.split_at(ports.len() / 2);
                    Expr::or(any_of(a), any_of(b))
                }
            }
        }
        let ports: Vec<u16> = (0..8000).collect();
        assert!(bytecode(&any_of(&ports)).is_empty());
        let some = (0..100).map(sport).reduce(Expr::or).unwrap();
        assert!(!bytecode(&some).is_empty());
    }

    #[test]
    fn state_masks() {
        let est = 1 << states::ESTABLISHED;
        assert_eq!(state_mask(&Expr::State(est)), est);
        assert_eq!(state_mask(&Expr::True), u32::MAX);
        assert_eq!(state_mask(&Expr::and(Expr::State(est), sport(1))), est);
        assert_eq!(state_mask(&Expr::or(Expr::State(est), sport(1))), u32::MAX);
        assert_eq!(state_mask(&Expr::negate(Expr::State(est))), !est);
    }
}
