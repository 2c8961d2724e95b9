//! How C stdio hands a file to net-tools, line by line.
//!
//! Some 2.10 readers use `fgets` with a fixed buffer, so a long line arrives
//! in pieces, each piece parsed as if it were a line of its own; one reader
//! even looks past the end of the string into what an earlier, longer line
//! left in the buffer. Others use `getline` and see whole lines. Parsers that
//! must match those outputs byte for byte read through these helpers.

/// Successive `fgets(buf, size, f)` calls over `data`, with the buffer kept
/// between calls exactly as C keeps it: each call writes the piece and a NUL,
/// and the bytes after that NUL are whatever earlier calls (or the caller)
/// left there. The buffer starts zeroed.
pub struct Fgets<'a> {
    data: &'a [u8],
    pos: usize,
    buf: Vec<u8>,
}

impl<'a> Fgets<'a> {
    /// `size` is the C buffer size (at least 2: one byte and the NUL).
    pub fn new(data: &'a [u8], size: usize) -> Self {
        Fgets {
            data,
            pos: 0,
            buf: vec![0; size.max(2)],
        }
    }

    /// The next call: `None` at end of file, otherwise the whole buffer. A
    /// piece ends after a `\n` or after `size - 1` bytes.
    pub fn next_buffer(&mut self) -> Option<&mut [u8]> {
        let mut buf = std::mem::take(&mut self.buf);
        let stored = self.read_into(&mut buf);
        self.buf = buf;
        stored.then_some(&mut self.buf[..])
    }

    /// The next call with the caller's array as the buffer (its length is the
    /// C buffer size), for readers whose buffer sits inside a larger emulated
    /// stack frame. False at end of file (the array is then untouched).
    pub fn read_into(&mut self, buf: &mut [u8]) -> bool {
        if self.pos >= self.data.len() || buf.len() < 2 {
            return false;
        }
        let rest = &self.data[self.pos..];
        let mut len = rest.len().min(buf.len() - 1);
        if let Some(newline) = rest[..len].iter().position(|&b| b == b'\n') {
            len = newline + 1;
        }
        buf[..len].copy_from_slice(&rest[..len]);
        buf[len] = 0;
        self.pos += len;
        true
    }

    /// `rewind()`: the next call reads from the start again.
    pub fn rewind(&mut self) {
        self.pos = 0;
    }

    /// The next piece as C string functions see it (up to its first NUL).
    pub fn next_line(&mut self) -> Option<&[u8]> {
        self.next_buffer().map(|buf| c_str(buf))
    }

    /// `read` applied to every remaining piece, in order.
    pub fn map_lines<T>(mut self, mut read: impl FnMut(&[u8]) -> T) -> Vec<T> {
        let mut rows = Vec::new();
        while let Some(line) = self.next_line() {
            rows.push(read(line));
        }
        rows
    }
}

/// Successive `getline` calls: whole lines, each with its `\n` if it has one.
pub fn getline_lines(data: &[u8]) -> impl Iterator<Item = &[u8]> {
    data.split_inclusive(|&b| b == b'\n')
}

/// What C string functions see of a buffer: the bytes before the first NUL.
pub fn c_str(bytes: &[u8]) -> &[u8] {
    match bytes.iter().position(|&b| b == 0) {
        Some(nul) => &bytes[..nul],
        None => bytes,
    }
}

/// `strspn(s, " \t\n")`: how many leading bytes are space, tab or newline.
pub fn span_blanks(s: &[u8]) -> usize {
    s.iter().take_while(|&&b| is_blank(b)).count()
}

/// `strcspn(s, " \t\n")`: how many leading bytes are not space, tab or newline.
pub fn span_non_blanks(s: &[u8]) -> usize {
    s.iter().take_while(|&&b| !is_blank(b)).count()
}

/// The separators net-tools' statistics reader splits on (not all of `isspace`).
fn is_blank(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(data: &[u8], size: usize) -> Vec<Vec<u8>> {
        let mut f = Fgets::new(data, size);
        let mut out = Vec::new();
        while let Some(line) = f.next_line() {
            out.push(line.to_vec());
        }
        out
    }

    #[test]
    fn fgets_splits_long_lines_and_keeps_newlines() {
        assert_eq!(
            pieces(b"abcdef\ngh\nlast", 4),
            vec![
                b"abc".to_vec(),
                b"def".to_vec(),
                b"\n".to_vec(),
                b"gh\n".to_vec(),
                b"las".to_vec(),
                b"t".to_vec()
            ]
        );
        assert!(pieces(b"", 8).is_empty());
    }

    #[test]
    fn fgets_leaves_old_bytes_after_the_nul() {
        let mut f = Fgets::new(b"long line\nab", 64);
        f.next_buffer();
        let buf = f.next_buffer().unwrap();
        assert_eq!(&buf[..10], b"ab\0g line\n");
    }

    #[test]
    fn c_strings_stop_at_nul() {
        assert_eq!(c_str(b"ab\0cd"), b"ab");
        assert_eq!(c_str(b"abc"), b"abc");
        assert_eq!(span_blanks(b" \t\nx y"), 3);
        assert_eq!(span_non_blanks(b"ab\rc d"), 4);
    }

    #[test]
    fn getline_keeps_whole_lines() {
        let lines: Vec<_> = getline_lines(b"a\n\nb").collect();
        assert_eq!(lines, vec![&b"a\n"[..], b"\n", b"b"]);
        assert_eq!(getline_lines(b"").count(), 0);
    }
}
