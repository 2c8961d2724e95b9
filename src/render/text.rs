//! printf-style field helpers on bytes (widths count bytes, as in C).

/// `%-Ns`: left-aligned, padded to `width`, never cut.
pub fn left(line: &mut Vec<u8>, text: &[u8], width: usize) {
    line.extend_from_slice(text);
    pad(line, width.saturating_sub(text.len()));
}

/// `%Ns`: right-aligned, padded to `width`, never cut.
pub fn right(line: &mut Vec<u8>, text: &[u8], width: usize) {
    pad(line, width.saturating_sub(text.len()));
    line.extend_from_slice(text);
}

/// `%-N.Ns`: padded to `width` and cut at `width`.
pub fn left_cut(line: &mut Vec<u8>, text: &[u8], width: usize) {
    left(line, &text[..text.len().min(width)], width);
}

/// `n` spaces.
pub fn pad(line: &mut Vec<u8>, n: usize) {
    line.resize(line.len() + n, b' ');
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
    }
}
