package loader

import (
	"bytes"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// htmlTagRe matches things that look like real HTML tags, so text that merely
// contains "<" (PM2.5<35) is not mistaken for a page.
var htmlTagRe = regexp.MustCompile(`(?i)<(?:!doctype\s+html|/?(?:html|head|body|title|meta|link|script|style|p|div|span|br|a|ul|ol|li|table|tr|td|th|tbody|h[1-6]|section|article|header|footer|nav|font|strong|b|i|em|img|input|form|iframe|center|blockquote|dl|dt|dd|pre|sup|sub|label|button|option|select|mark|del)\b[^<>]{0,300}>)`)

// htmlTagAtRe is htmlTagRe anchored at the start.
var htmlTagAtRe = regexp.MustCompile(`^` + htmlTagRe.String())

// looksLikeHTML sniffs markup in the head of the text: a doctype or <html>
// tag, or at least three known tags in the first 16 KB.
func looksLikeHTML(s string) bool {
	head := s[:min(len(s), 16<<10)]
	// Only the opening bytes need folding; lowering all 16 KB cost more
	// than the rest of the sniff.
	trimmed := strings.TrimLeft(head, " \t\n\ufeff")
	trimmed = strings.ToLower(trimmed[:min(len(trimmed), len("<!doctype html"))])
	if strings.HasPrefix(trimmed, "<!doctype html") || strings.HasPrefix(trimmed, "<html") {
		return true
	}
	return len(htmlTagRe.FindAllStringIndex(head, 3)) >= 3
}

// strayBreakRe matches the tags that end a line.
var strayBreakRe = regexp.MustCompile(`(?i)^</?(?:br|p|div|li|tr|h[1-6]|table|ul|ol)\b`)

// stripStrayMarkup removes tags and entities left in a text file that is
// not a page (a crawler that kept <br> or <span> of a paragraph): tags that
// end blocks become line breaks, others vanish, entities are decoded. The
// tag pattern is tried only where a "<" stands, which keeps this linear and
// cheap on long texts.
func stripStrayMarkup(s string) string {
	if strings.IndexByte(s, '<') >= 0 {
		var b strings.Builder
		rest := s
		for {
			i := strings.IndexByte(rest, '<')
			if i < 0 {
				break
			}
			b.WriteString(rest[:i])
			rest = rest[i:]
			loc := htmlTagAtRe.FindStringIndex(rest[:min(len(rest), 512)])
			if loc == nil {
				b.WriteByte('<')
				rest = rest[1:]
				continue
			}
			if strayBreakRe.MatchString(rest[:loc[1]]) {
				b.WriteByte('\n')
			}
			rest = rest[loc[1]:]
		}
		b.WriteString(rest)
		s = b.String()
	}
	if strings.IndexByte(s, '&') >= 0 {
		s = html.UnescapeString(s)
	}
	return s
}

// skippedElements never hold report text: scripts, page chrome and controls.
var skippedElements = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Head: true,
	atom.Nav: true, atom.Footer: true, atom.Aside: true, atom.Form: true,
	atom.Iframe: true, atom.Svg: true, atom.Template: true, atom.Select: true,
	atom.Button: true, atom.Object: true, atom.Embed: true, atom.Canvas: true,
	atom.Textarea: true, atom.Map: true, atom.Audio: true, atom.Video: true,
}

// blockElements end a line in the rendered text, as a browser would.
var blockElements = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.Br: true, atom.Li: true, atom.Tr: true,
	atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true,
	atom.H6: true, atom.Section: true, atom.Article: true, atom.Blockquote: true,
	atom.Table: true, atom.Ul: true, atom.Ol: true, atom.Dl: true, atom.Dt: true,
	atom.Dd: true, atom.Pre: true, atom.Hr: true, atom.Center: true,
	atom.Address: true, atom.Main: true, atom.Figure: true, atom.Figcaption: true,
	atom.Caption: true, atom.Body: true,
	atom.Header: true, atom.Title: true, atom.Legend: true, atom.Fieldset: true,
	atom.Menu: true, atom.Details: true, atom.Summary: true,
}

// chromeClassWords are class/id words that CMS templates give to navigation,
// share and footer blocks. Matched against whole words of class and id
// values split at "-" and "_", never substrings, so "content" or "navigate"
// inside a longer identifier does not hide text.
var chromeClassWords = map[string]bool{
	"nav": true, "navbar": true, "navigation": true, "menu": true, "breadcrumb": true,
	"breadcrumbs": true, "crumb": true, "crumbs": true, "footer": true, "foot": true,
	"share": true, "bdsharebuttonbox": true, "sidebar": true, "copyright": true,
	"topbar": true, "toolbar": true, "comment": true, "comments": true, "related": true,
	"position": true, "location": true, "qrcode": true,
}

// htmlToText renders a page to text, one block per line, and collects the
// page metadata (<title>, CMS <meta> tags, canonical URL) into meta. Table
// cells of a row share its line, separated by spaces.
//
// Newlines inside text nodes: when the report's text sits in block elements
// (<p>, <div>, <br>), a source newline is only markup formatting and is
// dropped, like a browser does between Chinese characters. Pages saved from
// browsers or CMS exports without such blocks carry paragraphs as plain lines
// between stray tags; there newlines are the paragraph breaks and are kept.
func htmlToText(s string, meta map[string]string) string {
	doc, err := html.Parse(strings.NewReader(s))
	if err != nil {
		// html.Parse only fails on reader errors, impossible for a string.
		return s
	}
	keepNewlines := !hasTextBlocks(doc)
	r := &htmlRenderer{buf: make([]byte, 0, len(s)/2)}
	enter := func(n *html.Node) bool {
		switch n.Type {
		case html.TextNode:
			if keepNewlines {
				r.text(n.Data)
			} else {
				r.text(flowText(n.Data))
			}
			return false
		case html.ElementNode:
			collectHTMLMeta(n, meta)
			if n.DataAtom == atom.A {
				r.anchors++ // before any skip: leave is called for every node
			}
			if n.DataAtom == atom.Head {
				walkHTML(n, func(h *html.Node) bool {
					if h.Type == html.ElementNode {
						collectHTMLMeta(h, meta)
					}
					return true
				}, func(*html.Node) {})
				return false
			}
			if skipElement(n) {
				return false
			}
			if isBlock(n) {
				r.newline()
			} else if isCell(n) && n.PrevSibling != nil {
				r.buf = append(r.buf, ' ')
			}
		case html.CommentNode, html.DoctypeNode:
			return false
		}
		return true
	}
	leave := func(n *html.Node) {
		if n.Type != html.ElementNode {
			return
		}
		if n.DataAtom == atom.A {
			r.anchors--
		}
		if isBlock(n) {
			r.newline()
		}
	}
	walkHTML(doc, enter, leave)
	r.newline()
	return string(r.buf)
}

// maxLinkLine is the longest line dropped for being only link text: menus,
// related articles and attachment lists are short; report text never is a
// bare link.
const maxLinkLine = 60

// htmlRenderer accumulates rendered lines and drops those made only of link
// text (menu entries, related-article lists, sidebars without class names).
type htmlRenderer struct {
	buf       []byte
	lineStart int
	plain     bool // the current line has text outside <a>
	anchors   int  // depth of open <a> elements
}

func (r *htmlRenderer) text(s string) {
	for {
		i := strings.IndexByte(s, '\n')
		if i < 0 {
			r.write(s)
			return
		}
		r.write(s[:i])
		r.newline()
		s = s[i+1:]
	}
}

func (r *htmlRenderer) write(s string) {
	if r.anchors == 0 && strings.TrimFunc(s, unicode.IsSpace) != "" {
		r.plain = true
	}
	r.buf = append(r.buf, s...)
}

func (r *htmlRenderer) newline() {
	line := r.buf[r.lineStart:]
	if !r.plain && len(bytes.TrimFunc(line, unicode.IsSpace)) > 0 && utf8.RuneCount(line) <= maxLinkLine {
		r.buf = r.buf[:r.lineStart]
	}
	r.buf = append(r.buf, '\n')
	r.lineStart = len(r.buf)
	r.plain = false
}

// isBlock: block elements, and table cells used for page layout (holding
// paragraphs of their own); cells of a data table share their row's line.
func isBlock(n *html.Node) bool {
	if blockElements[n.DataAtom] {
		return true
	}
	if !isCell(n) {
		return false
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && blockElements[c.DataAtom] {
			return true
		}
	}
	return false
}

func isCell(n *html.Node) bool { return n.DataAtom == atom.Td || n.DataAtom == atom.Th }

// hasTextBlocks reports a page whose text is laid out in block elements:
// at least three paragraphs (<p>, <div>, <li>, <td>) with Chinese text of
// their own.
func hasTextBlocks(doc *html.Node) bool {
	count := 0
	walkHTML(doc, func(n *html.Node) bool {
		if count >= 3 || n.Type != html.ElementNode && n.Type != html.DocumentNode {
			return false
		}
		if n.Type == html.ElementNode && skipElement(n) {
			return false
		}
		switch n.DataAtom {
		case atom.P, atom.Div, atom.Li, atom.Td, atom.Dd, atom.H1, atom.H2, atom.H3:
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				if c.Type == html.TextNode && strings.IndexFunc(c.Data, isHan) >= 0 {
					count++
					break
				}
			}
		}
		return true
	}, func(*html.Node) {})
	return count >= 3
}

func isHan(r rune) bool { return r >= 0x3400 && unicode.Is(unicode.Han, r) }

// flowText renders a text node of flowing HTML text: a line break in the
// source becomes nothing between Chinese characters and a space elsewhere.
func flowText(s string) string {
	if strings.IndexAny(s, "\r\n") < 0 {
		return s
	}
	var b strings.Builder
	for {
		i := strings.IndexAny(s, "\r\n")
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		before := strings.TrimRight(s[:i], " \t")
		rest := strings.TrimLeft(s[i:], " \t\r\n")
		b.WriteString(before)
		prev, _ := utf8.DecodeLastRuneInString(before)
		next, _ := utf8.DecodeRuneInString(rest)
		if before != "" && rest != "" && !(isCJK(prev) && isCJK(next)) {
			b.WriteByte(' ')
		}
		s = rest
	}
}

// walkHTML visits the tree without recursion: fuzzed or hostile pages can nest
// elements deeply enough to exhaust a recursive walker's stack.
func walkHTML(root *html.Node, enter func(*html.Node) bool, leave func(*html.Node)) {
	n := root
	for {
		if enter(n) && n.FirstChild != nil {
			n = n.FirstChild
			continue
		}
		for {
			leave(n)
			if n == root {
				return
			}
			if n.NextSibling != nil {
				n = n.NextSibling
				break
			}
			n = n.Parent
		}
	}
}

func skipElement(n *html.Node) bool {
	if skippedElements[n.DataAtom] {
		return true
	}
	// A <header> inside an article holds its title; a page-level one holds
	// the site banner and menu.
	if n.DataAtom == atom.Header && !hasAncestor(n, atom.Article, atom.Main) {
		return true
	}
	for _, a := range n.Attr {
		if a.Key == "hidden" || (a.Key == "style" && hiddenStyle(a.Val)) {
			return true
		}
		if (a.Key == "class" || a.Key == "id") && hasChromeWord(a.Val) {
			return true
		}
	}
	return false
}

func hiddenStyle(v string) bool {
	v = strings.ReplaceAll(strings.ToLower(v), " ", "")
	return strings.Contains(v, "display:none") || strings.Contains(v, "visibility:hidden")
}

func hasAncestor(n *html.Node, atoms ...atom.Atom) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		for _, a := range atoms {
			if p.DataAtom == a {
				return true
			}
		}
	}
	return false
}

func hasChromeWord(v string) bool {
	for _, word := range strings.FieldsFunc(strings.ToLower(v), func(r rune) bool {
		return r == ' ' || r == '-' || r == '_' || r == '\t' || r == '\n'
	}) {
		if chromeClassWords[word] {
			return true
		}
	}
	return false
}

// htmlMetaNames maps the <meta name> values Chinese government CMSs emit
// (and Open Graph) to Text.Meta keys.
var htmlMetaNames = map[string]string{
	"articletitle": "title", "og:title": "title",
	"pubdate": "published", "firstpublishedtime": "published", "article:published_time": "published",
	"contentsource": "publisher", "sitename": "publisher",
	"url": "url", "og:url": "url",
}

func collectHTMLMeta(n *html.Node, meta map[string]string) {
	switch n.DataAtom {
	case atom.Title:
		if t := strings.TrimSpace(nodeText(n)); t != "" && meta["title"] == "" {
			meta["title"] = collapseSpaces(t)
		}
	case atom.Meta:
		var name, content string
		for _, a := range n.Attr {
			switch strings.ToLower(a.Key) {
			case "name", "property":
				name = strings.ToLower(a.Val)
			case "content":
				content = strings.TrimSpace(a.Val)
			}
		}
		if key := htmlMetaNames[name]; key != "" && content != "" {
			// CMS article fields are more precise than <title>, which
			// usually carries the site name too.
			meta[key] = collapseSpaces(content)
		}
	case atom.Link:
		var canonical bool
		var href string
		for _, a := range n.Attr {
			if a.Key == "rel" && strings.EqualFold(a.Val, "canonical") {
				canonical = true
			}
			if a.Key == "href" {
				href = strings.TrimSpace(a.Val)
			}
		}
		if canonical && href != "" && meta["url"] == "" {
			meta["url"] = href
		}
	}
}

func nodeText(n *html.Node) string {
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		}
	}
	return b.String()
}

func collapseSpaces(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
