//! A namespace-aware walk over one XML part of a DOCX or ODT file: elements named by
//! (namespace, local name), text with its character and entity references resolved.
//! Prefixes are never compared: `w:p` and `ns0:p` are the same element when they are bound
//! to the same namespace, as the formats require.

use std::borrow::Cow;

use quick_xml::events::Event;
use quick_xml::name::ResolveResult;
use quick_xml::{NsReader, XmlVersion};

/// An opened element: its namespace, local name and attributes.
pub struct Element<'a> {
    pub ns: &'a str,
    pub name: &'a str,
    attrs: Vec<(String, String, String)>,
}

impl Element<'_> {
    /// Whether this is `name` in namespace `ns`.
    pub fn is(&self, ns: &str, name: &str) -> bool {
        self.ns == ns && self.name == name
    }

    /// The value of attribute `name` in namespace `ns`.
    pub fn attr(&self, ns: &str, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, l, _)| n == ns && l == name)
            .map(|(_, _, v)| v.as_str())
    }
}

/// What the walk meets, in document order. Empty elements (`<w:tab/>`) give an `Open` and
/// a `Close`.
pub enum Node<'a> {
    Open(Element<'a>),
    Close { ns: &'a str, name: &'a str },
    Text(Cow<'a, str>),
}

/// Walks `xml` (the part named `part`, for messages), calling `visit` for each node.
/// A malformed part stops the walk with `PART:LINE:COLUMN: what is wrong`.
pub fn walk(part: &str, xml: &str, mut visit: impl FnMut(Node<'_>)) -> Result<(), String> {
    let mut reader = NsReader::from_str(xml);
    reader.config_mut().expand_empty_elements = true;
    let where_at = |offset: u64| {
        let (line, column) = crate::storage::load::line_column(xml, offset as usize);
        format!("{part}:{line}:{column}")
    };
    loop {
        let event = reader.read_resolved_event();
        let (ns, event) = match event {
            Ok(pair) => pair,
            Err(e) => {
                return Err(format!(
                    "{}: malformed XML ({e}), expected a document as a word processor saves it",
                    where_at(reader.error_position())
                ));
            }
        };
        // Owned, so that the reader is free again to resolve the attributes' names.
        let ns = match ns {
            ResolveResult::Bound(ns) => ns.0.to_string(),
            _ => String::new(),
        };
        let ns = ns.as_str();
        match event {
            Event::Start(start) => {
                let mut attrs = Vec::new();
                for attr in start.attributes().with_checks(false).flatten() {
                    let (attr_ns, local) = reader.resolver().resolve_attribute(attr.key);
                    let attr_ns = match attr_ns {
                        ResolveResult::Bound(n) => n.0.to_string(),
                        _ => String::new(),
                    };
                    let value = attr
                        .normalized_value(XmlVersion::Implicit1_0)
                        .map(Cow::into_owned)
                        .unwrap_or_else(|_| attr.value.to_string());
                    attrs.push((attr_ns, local.as_ref().to_string(), value));
                }
                let local = start.local_name();
                visit(Node::Open(Element {
                    ns,
                    name: local.as_ref(),
                    attrs,
                }));
            }
            Event::End(end) => visit(Node::Close {
                ns,
                name: end.local_name().as_ref(),
            }),
            Event::Text(text) => visit(Node::Text(text.xml10_content())),
            Event::CData(data) => visit(Node::Text(data.xml10_content())),
            Event::GeneralRef(reference) => {
                let resolved = match reference.resolve_char_ref() {
                    Ok(Some(c)) => Some(Cow::Owned(c.to_string())),
                    _ => {
                        quick_xml::escape::resolve_predefined_entity(&reference).map(Cow::Borrowed)
                    }
                };
                match resolved {
                    Some(text) => visit(Node::Text(text)),
                    None => {
                        return Err(format!(
                            "{}: unknown reference &{};, expected a character reference or one of &amp; &lt; &gt; &quot; &apos;",
                            where_at(reader.buffer_position()),
                            &*reference
                        ));
                    }
                }
            }
            Event::Eof => return Ok(()),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Node, walk};

    #[test]
    fn resolves_namespaces_references_and_empty_elements() {
        let xml = r#"<a:doc xmlns:a="urn:x" xmlns:b="urn:y"><b:p b:k="v&amp;w">x &lt; &#x79;<a:tab/></b:p></a:doc>"#;
        let mut seen = Vec::new();
        walk("part.xml", xml, |node| match node {
            Node::Open(e) => seen.push(format!(
                "<{}|{} k={:?}>",
                e.ns,
                e.name,
                e.attr("urn:y", "k")
            )),
            Node::Close { ns, name } => seen.push(format!("</{ns}|{name}>")),
            Node::Text(t) => seen.push(t.into_owned()),
        })
        .unwrap();
        assert_eq!(
            seen.concat(),
            "<urn:x|doc k=None><urn:y|p k=Some(\"v&w\")>x < y<urn:x|tab k=None></urn:x|tab></urn:y|p></urn:x|doc>"
        );
    }

    #[test]
    fn a_malformed_part_names_where() {
        let err = walk("word/document.xml", "<a>\n<b></a>", |_| {}).unwrap_err();
        assert!(err.starts_with("word/document.xml:2:"), "{err}");
    }
}
