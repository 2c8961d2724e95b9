//! The C library calls the legacy-family readers of net-tools are built on,
//! reproduced closely enough that malformed files give the same output.
//!
//! 2.10 reads the AX.25, NET/ROM, ROSE and X.25 files with `fgets` into fixed
//! stack arrays, cuts fields by writing NULs at fixed columns and then parses
//! with `sscanf`/`atoi`. On a short line those columns lie past the line's end,
//! so what gets printed comes from the previous line still in the array; an
//! over-long `%s` word runs into the neighbouring array. [`Frame`] keeps those
//! arrays as one byte block laid out as the binary lays them out (the lines
//! come from [`Fgets`]), and [`sscanf`] / [`atoi`] parse the C strings taken
//! from it.

use super::fields::{Scanner, is_space};
use super::stdio::Fgets;

/// Adjacent C `char` arrays of one function, as one block of bytes. Offsets
/// past the end read as an empty string and writes there are dropped: the C
/// program would touch unrelated memory, which no test can depend on.
#[derive(Debug, Clone)]
pub struct Frame {
    bytes: Vec<u8>,
}

impl Frame {
    /// A zero-filled block (the C arrays start uninitialised; zero is the
    /// only reproducible choice).
    pub fn new(size: usize) -> Self {
        Frame {
            bytes: vec![0; size],
        }
    }

    /// `fgets(frame + at, size, file)`: true when a piece was stored.
    pub fn fgets(&mut self, at: usize, size: usize, file: &mut Fgets) -> bool {
        let end = at.saturating_add(size).min(self.bytes.len());
        self.bytes
            .get_mut(at..end)
            .is_some_and(|buf| file.read_into(buf))
    }

    /// Copy `text` and its terminating NUL to `at`, as `strcpy` or a `%s`
    /// conversion does, running over whatever array follows.
    pub fn store(&mut self, at: usize, text: &[u8]) {
        for (i, &b) in text.iter().chain(&[0]).enumerate() {
            self.set(at.saturating_add(i), b);
        }
    }

    /// `frame[at] = byte`.
    pub fn set(&mut self, at: usize, byte: u8) {
        if let Some(slot) = self.bytes.get_mut(at) {
            *slot = byte;
        }
    }

    /// `frame[at]`.
    pub fn get(&self, at: usize) -> u8 {
        self.bytes.get(at).copied().unwrap_or(0)
    }

    /// The C string starting at `at` (up to its NUL).
    pub fn cstr(&self, at: usize) -> &[u8] {
        let rest = self.bytes.get(at..).unwrap_or(&[]);
        let end = rest.iter().position(|&b| b == 0).unwrap_or(rest.len());
        &rest[..end]
    }

    /// `atoi(frame + at)`; a negative or too large offset reads as 0.
    pub fn atoi(&self, at: i64) -> i32 {
        usize::try_from(at).map_or(0, |at| atoi(self.cstr(at)))
    }
}

pub use super::fields::atoi;

/// `strtoul(text, &end, 16)`: the value and the offset where parsing stopped
/// (0 when there were no digits).
pub fn strtoul_hex(text: &[u8]) -> (u64, usize) {
    let mut s = Scanner::new(text);
    match s.hex() {
        Some(value) => (value, s.position()),
        None => (0, 0),
    }
}

/// One value stored by a `sscanf` conversion.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Value<'a> {
    /// `%s`
    Word(&'a [u8]),
    /// `%d`, `%ld` (already narrowed to the C type)
    Signed(i64),
    /// `%u`, `%lu`, `%x`, `%lX` (already narrowed to the C type)
    Unsigned(u64),
}

/// The outcome of one `sscanf` call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scanned<'a> {
    /// The stored values, in format order.
    pub values: Vec<Value<'a>>,
    /// The input ended before anything was stored (`sscanf` returns EOF).
    pub end_of_input: bool,
}

impl<'a> Scanned<'a> {
    /// `sscanf`'s return value.
    pub fn count(&self) -> i32 {
        if self.end_of_input {
            -1
        } else {
            self.values.len() as i32
        }
    }

    /// The `index`th stored value as a word.
    pub fn word(&self, index: usize) -> Option<&'a [u8]> {
        match self.values.get(index) {
            Some(Value::Word(w)) => Some(w),
            _ => None,
        }
    }

    /// The `index`th stored value as an `int`.
    pub fn int(&self, index: usize) -> Option<i32> {
        match self.values.get(index) {
            Some(&Value::Signed(v)) => Some(v as i32),
            Some(&Value::Unsigned(v)) => Some(v as i32),
            _ => None,
        }
    }

    /// The `index`th stored value as an `unsigned long`.
    pub fn ulong(&self, index: usize) -> Option<u64> {
        match self.values.get(index) {
            Some(&Value::Unsigned(v)) => Some(v),
            Some(&Value::Signed(v)) => Some(v as u64),
            _ => None,
        }
    }
}

/// `sscanf(input, format, ...)` for the directives net-tools uses here:
/// white space, literal bytes, and `%s %d %u %x %X` with optional `*`
/// (assignment suppression) and `l` (long). `input` is the C string (no NUL).
pub fn sscanf<'a>(input: &'a [u8], format: &str) -> Scanned<'a> {
    let mut s = Scanner::new(input);
    let mut values = Vec::new();
    let mut end_of_input = false;
    let mut directives = format.bytes().peekable();
    while let Some(d) = directives.next() {
        if is_space(d) {
            s.skip_ws();
            continue;
        }
        if d != b'%' {
            if s.rest().is_empty() {
                end_of_input = values.is_empty();
                break;
            }
            if s.literal(d).is_none() {
                break;
            }
            continue;
        }
        let suppress = directives.next_if_eq(&b'*').is_some();
        let long = directives.next_if_eq(&b'l').is_some();
        // Every conversion used here skips leading white space first.
        s.skip_ws();
        if s.rest().is_empty() {
            end_of_input = values.is_empty();
            break;
        }
        let value = match directives.next() {
            Some(b's') => s.word().map(Value::Word),
            Some(b'd') => s
                .dec()
                .map(|v| Value::Signed(if long { v } else { i64::from(v as i32) })),
            Some(b'u') => s.udec().map(|v| narrow(v, long)),
            Some(b'x' | b'X') => s.hex().map(|v| narrow(v, long)),
            _ => None,
        };
        match value {
            Some(v) if !suppress => values.push(v),
            Some(_) => {}
            None => break,
        }
    }
    Scanned {
        values,
        end_of_input,
    }
}

/// An unsigned conversion stored into `unsigned int` or `unsigned long`.
fn narrow(value: u64, long: bool) -> Value<'static> {
    Value::Unsigned(if long { value } else { u64::from(value as u32) })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frame_keeps_the_previous_line_past_the_new_ones_end() {
        let mut f = Frame::new(16);
        let mut s = Fgets::new(b"0123456789\nab\n", 16);
        assert!(f.fgets(0, 16, &mut s));
        assert!(f.fgets(0, 16, &mut s));
        assert_eq!(f.cstr(0), b"ab\n");
        assert_eq!(f.cstr(4), b"456789\n");
        f.set(6, 0);
        assert_eq!(f.cstr(4), b"45");
        assert_eq!(f.cstr(99), b"");
        assert_eq!(f.atoi(-5), 0);
        assert_eq!(f.atoi(4), 45);
        // A store past the end is cut, never a panic.
        f.store(14, b"xyz");
        assert_eq!(f.cstr(14), b"xy");
        assert_eq!(f.get(100), 0);
        // A buffer reaching past the frame is cut to it.
        assert!(f.fgets(12, 256, &mut Fgets::new(b"abcdefgh\n", 256)));
        assert_eq!(f.cstr(12), b"abc");
    }

    #[test]
    fn atoi_and_strtoul_follow_c() {
        assert_eq!(atoi(b"  -12x"), -12);
        assert_eq!(atoi(b"x"), 0);
        assert_eq!(atoi(b"99999999999"), 99_999_999_999_i64 as i32);
        assert_eq!(atoi(b"99999999999999999999999"), -1);
        assert_eq!(strtoul_hex(b"0x1Fz"), (0x1f, 4));
        assert_eq!(strtoul_hex(b"Directly"), (0xd, 1));
        assert_eq!(strtoul_hex(b"zz"), (0, 0));
    }

    #[test]
    fn sscanf_counts_like_c() {
        let r = sscanf(b"ax0 3 1 2", "%s %d %d %d %*d %d");
        assert_eq!(r.count(), 4);
        assert_eq!(r.word(0), Some(&b"ax0"[..]));
        assert_eq!(r.int(3), Some(2));
        assert_eq!(sscanf(b"   ", "%s").count(), -1);
        assert_eq!(sscanf(b"", "%d").count(), -1);
        assert_eq!(sscanf(b"x", "%d").count(), 0);
        // Suppressed conversions are not counted, literals must match.
        let r = sscanf(b"01/02 7", "%*x/%*x %d");
        assert_eq!(r.count(), 1);
        assert_eq!(r.int(0), Some(7));
        assert_eq!(sscanf(b"01-02 7", "%*x/%*x %d").count(), 0);
        assert_eq!(sscanf(b"01", "%*x/%*x %d").count(), -1);
    }

    #[test]
    fn sscanf_hex_as_decimal_and_narrowing() {
        let r = sscanf(b"00A 3", "%d %d");
        assert_eq!((r.count(), r.int(0)), (1, Some(0)));
        let r = sscanf(b"FFFFFFFFFFFFFFFF 4294967295 1FFFFFFFF", "%lX %u %X");
        assert_eq!(r.ulong(0), Some(u64::MAX));
        assert_eq!(r.int(1), Some(-1));
        assert_eq!(r.ulong(2), Some(0xFFFF_FFFF));
    }
}
