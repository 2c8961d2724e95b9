//! printf-style field helpers on bytes (widths count bytes, as in C).
//!
//! Every text field goes through the terminal rule ([`super::terminal`]): on a
//! terminal, bytes it could obey are shown escaped, and the width counts the
//! escaped bytes; in a pipe the bytes are written as they are.

use super::terminal::shown;

/// `%-Ns`: left-aligned, padded to `width`, never cut.
pub fn left(line: &mut Vec<u8>, text: &[u8], width: usize) {
    let text = shown(text);
    line.extend_from_slice(&text);
    pad(line, width.saturating_sub(text.len()));
}

/// `%Ns`: right-aligned, padded to `width`, never cut.
pub fn right(line: &mut Vec<u8>, text: &[u8], width: usize) {
    let text = shown(text);
    pad(line, width.saturating_sub(text.len()));
    line.extend_from_slice(&text);
}

/// `%s` of a name from outside the program (a path, an interface, a host).
pub fn name(line: &mut Vec<u8>, text: &[u8]) {
    line.extend_from_slice(&shown(text));
}

/// `%-N.Ns`: padded to `width` and cut at `width`.
pub fn left_cut(line: &mut Vec<u8>, text: &[u8], width: usize) {
    left(line, &text[..text.len().min(width)], width);
}

/// `n` spaces.
pub fn pad(line: &mut Vec<u8>, n: usize) {
    line.resize(line.len() + n, b' ');
}

/// Append the decimal digits of `n` (printf `%lu`) without allocating.
pub fn push_u64(line: &mut Vec<u8>, mut n: u64) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    line.extend_from_slice(&digits[at..]);
}

/// Append `n` as printf `%ld` does.
pub fn push_i64(line: &mut Vec<u8>, n: i64) {
    if n < 0 {
        line.push(b'-');
    }
    push_u64(line, n.unsigned_abs());
}

/// `%Nld`: right-aligned decimal, never cut.
pub fn right_i64(line: &mut Vec<u8>, n: i64, width: usize) {
    let start = line.len();
    push_i64(line, n);
    let len = line.len() - start;
    if len < width {
        line.splice(start..start, std::iter::repeat_n(b' ', width - len));
    }
}

/// `%-Nlu`: left-aligned decimal, never cut.
pub fn left_u64(line: &mut Vec<u8>, n: u64, width: usize) {
    let start = line.len();
    push_u64(line, n);
    pad(line, width.saturating_sub(line.len() - start));
}

/// `%2.2f` of `ticks / 100` in the C locale.
pub fn seconds(ticks: u64) -> String {
    format!("{:.2}", ticks as f64 / 100.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths() {
        let mut l = Vec::new();
        left(&mut l, b"ab", 4);
        right(&mut l, b"7", 3);
        left_cut(&mut l, b"abcdef", 3);
        left(&mut l, b"toolong", 3);
        assert_eq!(l, b"ab    7abctoolong");
        assert_eq!(seconds(719308), "7193.08");
        assert_eq!(seconds(0), "0.00");
        let mut n = Vec::new();
        for v in [0i64, 7, -7, 1_000_000, i64::MIN, i64::MAX] {
            n.clear();
            push_i64(&mut n, v);
            assert_eq!(n, v.to_string().into_bytes());
        }
        n.clear();
        push_u64(&mut n, u64::MAX);
        assert_eq!(n, u64::MAX.to_string().into_bytes());
        n.clear();
        right_i64(&mut n, -12, 6);
        left_u64(&mut n, 345, 5);
        right_i64(&mut n, 1234567, 3);
        assert_eq!(n, b"   -12345  1234567");
    }
}
