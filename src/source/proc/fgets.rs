//! Lines the way net-tools sees them: `fgets` into a fixed buffer, then C
//! string functions on the result.
//!
//! Two consequences matter for odd input. A line longer than the buffer comes
//! back in several pieces, each read as a line of its own; and everything after
//! a NUL byte is invisible to `sscanf`/`strstr`, while `fgets` itself reads on
//! to the newline. Each piece keeps its `\n`, which `%c` conversions can see.

/// A cursor handing out `fgets` pieces of a file's bytes.
#[derive(Debug, Clone)]
pub struct Fgets<'a> {
    data: &'a [u8],
    pos: usize,
}

impl<'a> Fgets<'a> {
    pub fn new(data: &'a [u8]) -> Self {
        Fgets { data, pos: 0 }
    }

    /// What `fgets(buf, size, f)` returns next, cut at its first NUL as C
    /// string functions see it: at most `size - 1` bytes, ending after the
    /// first `\n`. `None` at the end of the data.
    pub fn next_piece(&mut self, size: usize) -> Option<&'a [u8]> {
        let rest = &self.data[self.pos..];
        if rest.is_empty() {
            return None;
        }
        let limit = rest.len().min(size.saturating_sub(1).max(1));
        let len = rest[..limit]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(limit, |i| i + 1);
        self.pos += len;
        let piece = &rest[..len];
        Some(piece.split(|&b| b == 0).next().unwrap_or(piece))
    }

    /// Every remaining piece for a buffer of `size` bytes.
    pub fn pieces(mut self, size: usize) -> impl Iterator<Item = &'a [u8]> {
        std::iter::from_fn(move || self.next_piece(size))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_end_at_newline_or_buffer_size() {
        let data = b"ab\ncdefgh\n\nxy";
        let got: Vec<&[u8]> = Fgets::new(data).pieces(5).collect();
        assert_eq!(got, [&b"ab\n"[..], b"cdef", b"gh\n", b"\n", b"xy"]);
    }

    #[test]
    fn nul_hides_the_rest_of_a_piece() {
        let got: Vec<&[u8]> = Fgets::new(b"ab\0cd\nef\n").pieces(100).collect();
        assert_eq!(got, [&b"ab"[..], b"ef\n"]);
    }

    #[test]
    fn empty_data_has_no_pieces() {
        assert_eq!(Fgets::new(b"").pieces(10).count(), 0);
    }

    #[test]
    fn mixed_sizes_like_a_header_then_rows() {
        let mut f = Fgets::new(b"0123456789\nrow\n");
        assert_eq!(f.next_piece(6), Some(&b"01234"[..]));
        assert_eq!(f.next_piece(100), Some(&b"56789\n"[..]));
        assert_eq!(f.next_piece(100), Some(&b"row\n"[..]));
        assert_eq!(f.next_piece(100), None);
    }
}
