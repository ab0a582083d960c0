package loader

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strings"

	"github.com/reportgraph/reportgraph/kg"
)

// maxDocxXML bounds the decompressed size of word/document.xml: a zip bomb
// must fail fast instead of inflating gigabytes. It bounds what a file
// inflates to, not the file (the caller bounds that, ingest's MaxFileSize):
// markup is several times the size of its text, so 256 MiB leaves room for
// any report a file under that limit holds.
const maxDocxXML = 256 << 20

// A report's document.xml deflates about 5:1 (the 奈曼旗 fixture: 23 KB of
// docx, 118 KB of XML); docxExpansion allows far more, but not the 1000:1
// of a zip bomb, where a 255 KB file inflated to 250 MB and took 17 s and
// 1.1 GB to refuse. Small files get minDocxXML whatever their ratio.
const (
	docxExpansion = 64
	minDocxXML    = 8 << 20
)

// docxXMLLimit is how far word/document.xml of a docx of size bytes may inflate.
func docxXMLLimit(size int) uint64 {
	return min(maxDocxXML, max(minDocxXML, docxExpansion*uint64(size)))
}

var zipMagic = []byte("PK\x03\x04")

// docxToText extracts the paragraphs of a DOCX file, one per line. Only the
// main document part is read; deleted text (w:delText) and field codes
// (w:instrText) are not text a reader sees, so they are skipped.
func docxToText(raw []byte) (string, error) {
	zr, err := zip.NewReader(bytes.NewReader(raw), int64(len(raw)))
	if err != nil {
		return "", kg.Errorf(kg.EINVALID, "corrupt zip archive")
	}
	var doc *zip.File
	for _, f := range zr.File {
		if f.Name == "word/document.xml" {
			doc = f
			break
		}
	}
	if doc == nil {
		return "", kg.Errorf(kg.EINVALID, "zip archive is not a docx document")
	}
	limit := docxXMLLimit(len(raw))
	tooLarge := kg.Errorf(kg.ETOOLARGE, "docx document larger than %d MiB", limit>>20)
	if doc.UncompressedSize64 > limit {
		return "", tooLarge
	}
	rc, err := doc.Open()
	if err != nil {
		return "", kg.Errorf(kg.EINVALID, "corrupt docx document")
	}
	defer rc.Close()
	lr := &io.LimitedReader{R: rc, N: int64(limit) + 1}
	text, err := docxParagraphs(lr)
	if lr.N <= 0 {
		return "", tooLarge // the header understated the size
	}
	if err != nil {
		return "", kg.Errorf(kg.EINVALID, "corrupt docx document")
	}
	return text, nil
}

// wordNS is the WordprocessingML namespace; elements of other namespaces
// (drawings, math, markup compatibility) with the same local names are not
// document text.
const wordNS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

func docxParagraphs(r io.Reader) (string, error) {
	dec := xml.NewDecoder(r)
	var b strings.Builder
	inText := false
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return b.String(), nil
		}
		if err != nil {
			return "", err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if t.Name.Space != wordNS {
				continue
			}
			switch t.Name.Local {
			case "t":
				inText = true
			case "tab":
				b.WriteByte('\t')
			case "br", "cr":
				b.WriteByte('\n')
			}
		case xml.EndElement:
			if t.Name.Space != wordNS {
				continue
			}
			switch t.Name.Local {
			case "t":
				inText = false
			case "p":
				b.WriteByte('\n')
			}
		case xml.CharData:
			if inText {
				b.Write(t)
			}
		}
	}
}
