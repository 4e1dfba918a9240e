//! A small XML builder over quick-xml's writer: escaping and indentation are quick-xml's,
//! element order is the caller's.

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};

pub struct XmlOut {
    writer: Writer<Vec<u8>>,
}

impl XmlOut {
    pub fn new() -> Self {
        let mut writer = Writer::new_with_indent(Vec::new(), b' ', 2);
        // Writing into a Vec cannot fail.
        let _ = writer.write_event(Event::Decl(BytesDecl::new("1.0", Some("utf-8"), None)));
        XmlOut { writer }
    }

    pub fn open(&mut self, name: &str, attrs: &[(&str, &str)]) {
        let mut start = BytesStart::new(name);
        for (k, v) in attrs {
            start.push_attribute((*k, *v));
        }
        let _ = self.writer.write_event(Event::Start(start));
    }

    pub fn close(&mut self, name: &str) {
        let _ = self.writer.write_event(Event::End(BytesEnd::new(name)));
    }

    pub fn empty(&mut self, name: &str, attrs: &[(&str, &str)]) {
        let mut start = BytesStart::new(name);
        for (k, v) in attrs {
            start.push_attribute((*k, *v));
        }
        let _ = self.writer.write_event(Event::Empty(start));
    }

    /// `<name attrs>text</name>` on one line.
    pub fn text(&mut self, name: &str, attrs: &[(&str, &str)], text: &str) {
        self.open(name, attrs);
        // Only `&`, `<` and `>` need escaping in text; quotes stay readable.
        let escaped = quick_xml::escape::partial_escape(text);
        let _ = self
            .writer
            .write_event(Event::Text(BytesText::from_escaped(escaped)));
        self.close(name);
    }

    pub fn finish(self) -> Vec<u8> {
        let mut bytes = self.writer.into_inner();
        bytes.push(b'\n');
        bytes
    }
}

impl Default for XmlOut {
    fn default() -> Self {
        Self::new()
    }
}
