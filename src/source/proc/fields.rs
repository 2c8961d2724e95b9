//! A small `sscanf` work-alike for `/proc` lines.
//!
//! net-tools reads every `/proc` line with `sscanf`, and several of its quirks
//! (a hex field read as decimal stopping at a letter, a count of converted
//! fields deciding "bogus line") follow from how `sscanf` consumes input. The
//! [`Scanner`] reproduces those rules: numeric conversions skip leading
//! whitespace, take the longest run of digits, saturate on overflow like
//! `strtoul`, and fail without consuming anything when no digit is there.

/// A cursor over one line.
#[derive(Debug, Clone)]
pub struct Scanner<'a> {
    line: &'a [u8],
    pos: usize,
}

impl<'a> Scanner<'a> {
    pub fn new(line: &'a [u8]) -> Self {
        Scanner { line, pos: 0 }
    }

    /// What is left of the line.
    pub fn rest(&self) -> &'a [u8] {
        &self.line[self.pos..]
    }

    /// Current byte offset.
    pub fn position(&self) -> usize {
        self.pos
    }

    /// Skip spaces, tabs and other C whitespace.
    pub fn skip_ws(&mut self) {
        while self.pos < self.line.len() && is_space(self.line[self.pos]) {
            self.pos += 1;
        }
    }

    /// Match one literal byte (after no whitespace skip, like a format char).
    pub fn literal(&mut self, byte: u8) -> Option<()> {
        if self.line.get(self.pos) == Some(&byte) {
            self.pos += 1;
            Some(())
        } else {
            None
        }
    }

    /// `%X` / `%lX`: unsigned hex, optional `0x` prefix, saturating.
    pub fn hex(&mut self) -> Option<u64> {
        self.skip_ws();
        let start = self.pos;
        let negative = self.sign();
        if self.line[self.pos..].starts_with(b"0x") || self.line[self.pos..].starts_with(b"0X") {
            let after = self.pos + 2;
            if self.line.get(after).is_some_and(u8::is_ascii_hexdigit) {
                self.pos = after;
            }
        }
        self.unsigned_digits(start, negative, 16)
    }

    /// `%d` / `%ld`: signed decimal, saturating at the i64 range.
    pub fn dec(&mut self) -> Option<i64> {
        self.skip_ws();
        let start = self.pos;
        let negative = self.sign();
        let digits = self.take_while(|b| b.is_ascii_digit());
        if digits.is_empty() {
            self.pos = start;
            return None;
        }
        let magnitude = digits.iter().try_fold(0i64, |acc, &d| {
            acc.checked_mul(10)?.checked_add(i64::from(d - b'0'))
        });
        Some(match (magnitude, negative) {
            (Some(m), false) => m,
            (Some(m), true) => -m,
            (None, false) => i64::MAX,
            (None, true) => i64::MIN,
        })
    }

    /// `%u` / `%lu`: unsigned decimal, saturating (a leading `-` wraps as in C).
    pub fn udec(&mut self) -> Option<u64> {
        self.skip_ws();
        let start = self.pos;
        let negative = self.sign();
        self.unsigned_digits(start, negative, 10)
    }

    /// The digits of `%X` or `%u` in `radix`, once the sign (and prefix) are read: saturating, a
    /// leading `-` wrapping as in C. Without a digit the position goes back to `start`.
    fn unsigned_digits(&mut self, start: usize, negative: bool, radix: u32) -> Option<u64> {
        let digits = self.take_while(|b| char::from(b).is_digit(radix));
        if digits.is_empty() {
            self.pos = start;
            return None;
        }
        let value = digits.iter().try_fold(0u64, |acc, &d| {
            acc.checked_mul(u64::from(radix))?
                .checked_add(u64::from(char::from(d).to_digit(radix)?))
        });
        Some(negate_unsigned(value, negative))
    }

    /// `%s`: one whitespace-delimited word.
    pub fn word(&mut self) -> Option<&'a [u8]> {
        self.skip_ws();
        let w = self.take_while(|b| !is_space(b));
        if w.is_empty() { None } else { Some(w) }
    }

    /// `%N[set]`: the longest run (at most `max` bytes) of bytes accepted by `set`,
    /// without skipping whitespace first.
    pub fn set(&mut self, max: usize, set: impl Fn(u8) -> bool) -> Option<&'a [u8]> {
        let start = self.pos;
        while self.pos < self.line.len() && self.pos - start < max && set(self.line[self.pos]) {
            self.pos += 1;
        }
        if self.pos == start {
            None
        } else {
            Some(&self.line[start..self.pos])
        }
    }

    /// `%Ns`: one word of at most `max` bytes; the rest of a longer word is
    /// left for the next conversion, as in C.
    pub fn word_max(&mut self, max: usize) -> Option<&'a [u8]> {
        self.skip_ws();
        let start = self.pos;
        while self.pos < self.line.len() && self.pos - start < max && !is_space(self.line[self.pos])
        {
            self.pos += 1;
        }
        (self.pos > start).then(|| &self.line[start..self.pos])
    }

    /// `%NX`: unsigned hex read from at most `width` bytes, where a sign and a
    /// `0x` prefix count towards the width (glibc's rules); saturating.
    pub fn hex_max(&mut self, width: usize) -> Option<u64> {
        self.skip_ws();
        let start = self.pos;
        let mut left = width;
        let mut negative = false;
        if left > 0 && matches!(self.line.get(self.pos), Some(b'-' | b'+')) {
            negative = self.line[self.pos] == b'-';
            self.pos += 1;
            left -= 1;
        }
        let mut seen_digit = false;
        if left > 0 && self.line.get(self.pos) == Some(&b'0') {
            self.pos += 1;
            left -= 1;
            seen_digit = true;
            if left > 0 && matches!(self.line.get(self.pos), Some(b'x' | b'X')) {
                self.pos += 1;
                left -= 1;
            }
        }
        let mut value = Some(0u64);
        while left > 0 {
            let Some(digit) = self
                .line
                .get(self.pos)
                .and_then(|&b| (b as char).to_digit(16))
            else {
                break;
            };
            value = value
                .and_then(|v| v.checked_mul(16))
                .and_then(|v| v.checked_add(u64::from(digit)));
            seen_digit = true;
            self.pos += 1;
            left -= 1;
        }
        if !seen_digit {
            self.pos = start;
            return None;
        }
        Some(negate_unsigned(value, negative))
    }

    /// `%Nc`: the next `n` bytes, fewer at the end of the line, without
    /// skipping whitespace; `None` only when nothing is left.
    pub fn chars(&mut self, n: usize) -> Option<&'a [u8]> {
        let start = self.pos;
        self.pos = (start + n).min(self.line.len());
        (self.pos > start).then(|| &self.line[start..self.pos])
    }

    fn sign(&mut self) -> bool {
        match self.line.get(self.pos) {
            Some(b'-') => {
                self.pos += 1;
                true
            }
            Some(b'+') => {
                self.pos += 1;
                false
            }
            _ => false,
        }
    }

    fn take_while(&mut self, accept: impl Fn(u8) -> bool) -> &'a [u8] {
        let start = self.pos;
        while self.pos < self.line.len() && accept(self.line[self.pos]) {
            self.pos += 1;
        }
        &self.line[start..self.pos]
    }
}

/// `strtoul`'s result: an overflow gives ULONG_MAX whatever the sign; otherwise
/// a leading `-` negates in unsigned arithmetic.
fn negate_unsigned(value: Option<u64>, negative: bool) -> u64 {
    match value {
        None => u64::MAX,
        Some(v) if negative => v.wrapping_neg(),
        Some(v) => v,
    }
}

/// C `atoi`: leading whitespace, a sign, decimal digits; `strtol` saturation,
/// then the conversion to `int`. No digits give 0.
pub fn atoi(text: &[u8]) -> i32 {
    Scanner::new(text).dec().unwrap_or(0) as i32
}

/// C `strtoul(text, NULL, 0)`: the base from the prefix (`0x` hex, `0`
/// octal, else decimal), digits up to the first that does not fit, ULONG_MAX
/// on overflow.
pub fn strtoul(text: &[u8]) -> u64 {
    let text = text.trim_ascii_start();
    let (digits, radix) = if let Some(hex) = text
        .strip_prefix(b"0x")
        .or_else(|| text.strip_prefix(b"0X"))
    {
        (hex, 16)
    } else if text.first() == Some(&b'0') {
        (text, 8)
    } else {
        (text, 10)
    };
    let mut value: u64 = 0;
    for &d in digits {
        let Some(digit) = (d as char).to_digit(radix) else {
            break;
        };
        value = value
            .checked_mul(u64::from(radix))
            .and_then(|v| v.checked_add(u64::from(digit)))
            .unwrap_or(u64::MAX);
    }
    value
}

/// C `isspace` in the C locale.
pub fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_stops_at_non_hex_and_saturates() {
        let mut s = Scanner::new(b" 0100007F:0016 FFFFFFFFFFFFFFFFFFFF");
        assert_eq!(s.hex(), Some(0x0100_007F));
        assert_eq!(s.literal(b':'), Some(()));
        assert_eq!(s.hex(), Some(0x16));
        assert_eq!(s.hex(), Some(u64::MAX));
        assert_eq!(s.hex(), None);
    }

    #[test]
    fn decimal_reading_of_hex_text_stops_at_the_letter() {
        let mut s = Scanner::new(b"00A 5");
        assert_eq!(s.dec(), Some(0));
        assert_eq!(s.dec(), None);
        assert_eq!(s.rest(), b"A 5");
    }

    #[test]
    fn words_and_sets() {
        let mut s = Scanner::new(b"  abc def");
        assert_eq!(s.word(), Some(&b"abc"[..]));
        s.skip_ws();
        assert_eq!(s.set(2, |b| b.is_ascii_alphabetic()), Some(&b"de"[..]));
        assert_eq!(s.rest(), b"f");
        assert_eq!(s.dec(), None);
    }

    #[test]
    fn widths_limit_words_hex_and_chars() {
        let mut s = Scanner::new(b"abcdefgh 123456789 0x1f -12 z");
        assert_eq!(s.word_max(3), Some(&b"abc"[..]));
        assert_eq!(s.word_max(16), Some(&b"defgh"[..]));
        assert_eq!(s.hex_max(8), Some(0x1234_5678));
        assert_eq!(s.hex_max(8), Some(9));
        assert_eq!(s.hex_max(3), Some(1));
        assert_eq!(s.hex_max(8), Some(0xf));
        assert_eq!(s.hex_max(2), Some(1u64.wrapping_neg()));
        assert_eq!(s.hex_max(2), Some(2));
        assert_eq!(s.hex_max(8), None);
        assert_eq!(s.chars(5), Some(&b"z"[..]));
        assert_eq!(s.chars(5), None);
        assert_eq!(s.word_max(4), None);
        let mut big = Scanner::new(b"FFFFFFFFFFFFFFFFFFFF");
        assert_eq!(big.hex_max(64), Some(u64::MAX));
    }

    #[test]
    fn negative_overflow_saturates_like_strtoul() {
        assert_eq!(Scanner::new(b"-ffffffffffffffffffff").hex(), Some(u64::MAX));
        assert_eq!(Scanner::new(b"-1").hex(), Some(u64::MAX));
        assert_eq!(
            Scanner::new(b"-99999999999999999999999").udec(),
            Some(u64::MAX)
        );
        assert_eq!(Scanner::new(b"-2").udec(), Some(u64::MAX - 1));
        let mut s = Scanner::new(b"-zz");
        assert_eq!(s.hex(), None);
        assert_eq!(s.rest(), b"-zz");
    }

    #[test]
    fn c_conversions() {
        assert_eq!(atoi(b"12abc"), 12);
        assert_eq!(atoi(b"x"), 0);
        assert_eq!(atoi(b"99999999999"), 99999999999i64 as i32);
        assert_eq!(strtoul(b"010"), 8);
        assert_eq!(strtoul(b"0x1f"), 31);
        assert_eq!(strtoul(b"99999999999999999999999"), u64::MAX);
    }

    #[test]
    fn negative_and_huge_decimals() {
        let mut s = Scanner::new(b"-5 99999999999999999999999 -99999999999999999999999");
        assert_eq!(s.dec(), Some(-5));
        assert_eq!(s.dec(), Some(i64::MAX));
        assert_eq!(s.dec(), Some(i64::MIN));
    }
}
