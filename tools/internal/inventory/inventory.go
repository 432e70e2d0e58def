// Package inventory writes the knowledge base as a Sphinx inventory:
// objects.inv, version 2, the file through which Sphinx's intersphinx
// extension (and mkdocstrings, for MkDocs) links another site's objects by
// name.
//
// The file starts with four text lines,
//
//	# Sphinx inventory version 2
//	# Project: <project>
//	# Version: <version>
//	# The remainder of this file is compressed using zlib.
//
// and the rest is one zlib stream of lines
//
//	<name> <domain>:<role> <priority> <uri> <display name>
//
// where a uri ending in "$" stands for the uri with the name in place of
// the "$", and a display name "-" for the name itself. Uris are relative to
// the site root, so the inventory holds for any base URL.
//
// FromKB lists, for each glossary term, a std:term entry under its name,
// its id, each alias and each former id, all lower-cased (a name written
// "Long form (ABBR)" also as "long form" and "abbr"), each showing the
// term's name as the link text; for each comparison (and former id), a
// std:doc entry compare/<id> and a std:label entry <id>, showing its title.
package inventory

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"maps"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/cloudkb/kb/tools/internal/atomicfile"
	"github.com/cloudkb/kb/tools/internal/kbdata"
	"github.com/cloudkb/kb/tools/internal/mention"
)

// FileName is the inventory's name at the site root, where intersphinx
// looks for it by default.
const FileName = "objects.inv"

// The roles FromKB writes, as domain:role.
const (
	RoleTerm  = "std:term"
	RoleDoc   = "std:doc"
	RoleLabel = "std:label"
)

// Priority is what Sphinx itself writes for terms, documents and labels:
// -1 keeps them out of a search index. Intersphinx does not read it.
const Priority = -1

// Entry is one line of the inventory.
type Entry struct {
	Name     string // what a reference names, e.g. "virtual machine"
	Role     string // domain:role, e.g. "std:term"
	Priority int
	URI      string // relative to the site root, e.g. "glossary/virtual-machine/"
	Display  string // the link text a reference gets; "" means Name
}

// Inventory is a whole objects.inv.
type Inventory struct {
	Project string // shown by Sphinx in each link's title: "(in Project v1.0)"
	Version string // may be empty
	Entries []Entry
}

// header is the first line of every version 2 inventory.
const header = "# Sphinx inventory version 2"

// Encode writes the inventory in Sphinx's format. It fails, writing
// nothing, when an entry would not be read back as it is.
func (inv *Inventory) Encode(w io.Writer) error {
	body, err := Body(inv.Entries)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	fmt.Fprintf(&buf, "%s\n# Project: %s\n# Version: %s\n# The remainder of this file is compressed using zlib.\n",
		header, oneLine(inv.Project), oneLine(inv.Version))
	zw, err := zlib.NewWriterLevel(&buf, zlib.BestCompression)
	if err != nil {
		return fmt.Errorf("inventory: %w", err)
	}
	if _, err := zw.Write(body); err != nil {
		return fmt.Errorf("inventory: %w", err)
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("inventory: %w", err)
	}
	if _, err := w.Write(buf.Bytes()); err != nil {
		return fmt.Errorf("inventory: %w", err)
	}
	return nil
}

// Write writes the inventory to dir/objects.inv, replacing the file
// atomically, and returns its path. dir must exist: it is the built site.
func (inv *Inventory) Write(dir string) (string, error) {
	var buf bytes.Buffer
	if err := inv.Encode(&buf); err != nil {
		return "", err
	}
	path := filepath.Join(dir, FileName)
	if err := atomicfile.Write(path, buf.Bytes()); err != nil {
		return "", fmt.Errorf("inventory: %w", err)
	}
	return path, nil
}

// Body returns the uncompressed lines of the inventory, in the order
// given. It fails when an entry would not be read back as it is.
func Body(entries []Entry) ([]byte, error) {
	var buf bytes.Buffer
	for _, e := range entries {
		l, err := line(e)
		if err != nil {
			return nil, err
		}
		buf.WriteString(l)
		buf.WriteByte('\n')
	}
	return buf.Bytes(), nil
}

// line formats one entry and checks that a reader splits it back into the
// same fields: the format has no quoting, so a reader takes the name
// "osi layer 7 proxy" for the name "osi" with role "layer", priority 7.
func line(e Entry) (string, error) {
	name, display := oneLine(e.Name), oneLine(e.Display)
	switch {
	case name == "":
		return "", fmt.Errorf("inventory: %s entry for %s has no name", e.Role, e.URI)
	case e.Role == "" || strings.ContainsFunc(e.Role, isSpace) || !strings.Contains(e.Role, ":"):
		return "", fmt.Errorf("inventory: entry %q: role %q is not domain:role", name, e.Role)
	case e.URI == "" || strings.ContainsFunc(e.URI, isSpace):
		return "", fmt.Errorf("inventory: entry %q: uri %q is empty or holds a space", name, e.URI)
	}
	uri := e.URI
	switch {
	case strings.HasSuffix(uri, "$"):
		// A reader would expand it: there is no way to write a literal "$" last.
		return "", fmt.Errorf("inventory: entry %q: uri %q ends in $", name, e.URI)
	case strings.HasSuffix(uri, name):
		uri = strings.TrimSuffix(uri, name) + "$"
	}
	if display == "" || display == name {
		display = "-"
	}
	l := fmt.Sprintf("%s %s %d %s %s", name, e.Role, e.Priority, uri, display)
	m := readerLine.FindStringSubmatch(l)
	if m == nil || m[1] != name || m[2] != e.Role || m[3] != strconv.Itoa(e.Priority) || m[4] != uri || m[5] != display {
		return "", fmt.Errorf("inventory: %w: %q", ErrUnreadable, name)
	}
	return l, nil
}

// ErrUnreadable is returned for a name that a reader would split wrongly
// (where two words and a number follow one another): the entry would be
// lost or misread.
var ErrUnreadable = errors.New("a reader would misread the name")

// readerLine splits a line the way Sphinx's reader does: the shortest name
// after which come a word, a whole number, a uri and the display name.
// Python's \d matches any decimal digit, hence \p{Nd}. (Names hold only
// ASCII spaces here, so Go's \s and Python's agree.)
var readerLine = regexp.MustCompile(`^(.+?)\s+(\S+)\s+(-?\p{Nd}+)\s+(\S*)\s+(.*)$`)

// oneLine collapses every run of white space and control characters into
// one space and trims the ends, as Sphinx does to the header: a line break
// would end the entry.
func oneLine(s string) string {
	return strings.Join(strings.FieldsFunc(s, isSpace), " ")
}

func isSpace(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }

// termName is the name a term entry is listed under. Sphinx matches a
// :term: reference against its glossary ignoring case, and through
// intersphinx first exactly, then (since Sphinx 4.1) ignoring case:
// lower-cased names match a lower-case reference on every version.
func termName(s string) string { return strings.ToLower(oneLine(s)) }

// FromKB lists the inventory entries of a knowledge base, sorted by role
// and name. A name, id or alias of two terms is an error (kb check reports
// it first); an abbreviation, long form or former id of two is left out.
// So is a name a reader would misread: FromKB returns those as skipped,
// saying why (the term's id still finds it).
func FromKB(kb *kbdata.KB) (entries []Entry, skipped []string, err error) {
	termIDs := slices.Sorted(maps.Keys(kb.Terms))
	owner := map[string]string{} // lower-cased name → term id
	misread := map[string]bool{} // names left out, reported once
	// add lists name for term id. A name another term has is an error
	// when strict, and else left out: a derived name or a former id must
	// not take a current name, nor make one ambiguous.
	add := func(name, id string, strict bool) error {
		n := termName(name)
		switch other, taken := owner[n]; {
		case taken && other != id && strict:
			return fmt.Errorf("inventory: %q names both term %q and term %q: run kb check", name, other, id)
		case taken:
			return nil
		}
		e := Entry{Name: n, Role: RoleTerm, Priority: Priority, URI: uri(kbdata.TermURL(id)), Display: oneLine(kb.Terms[id].Name)}
		if _, err := line(e); errors.Is(err, ErrUnreadable) {
			if !misread[n] {
				misread[n] = true
				skipped = append(skipped, fmt.Sprintf("term %s: left out the name %q: a reader would split it at a number", id, name))
			}
			return nil
		} else if err != nil {
			return err
		}
		owner[n] = id
		entries = append(entries, e)
		return nil
	}
	for _, id := range termIDs {
		t := kb.Terms[id]
		if oneLine(t.Name) == "" {
			return nil, nil, fmt.Errorf("inventory: term %q has no name: run kb check", id)
		}
		for _, n := range append([]string{t.Name, id}, t.Aliases...) {
			if err := add(n, id, true); err != nil {
				return nil, nil, err
			}
		}
	}
	// "Backend as a service (BaaS)" is also found as "backend as a
	// service" and "BaaS", the names prose uses, and a former id keeps old
	// references working: each unless two terms have it.
	derived := claimedOnce(termIDs, func(id string) []string {
		t := kb.Terms[id]
		return mention.ProseNames(t.Name, t.Aliases, nil)
	})
	derived = append(derived, claimedOnce(termIDs, func(id string) []string { return kb.Terms[id].FormerIDs })...)
	for _, c := range derived {
		if err := add(c.name, c.owner, false); err != nil {
			return nil, nil, err
		}
	}

	cmpIDs := slices.Sorted(maps.Keys(kb.Comparisons))
	addComparison := func(name, id string) {
		c := kb.Comparisons[id]
		u := uri(kbdata.ComparisonURL(id))
		title := oneLine(c.Title)
		// ":doc:`kb:compare/x`" and ":ref:`kb:x`": the document is its
		// path without the trailing slash, as Sphinx's dirhtml builder has it.
		entries = append(entries,
			Entry{Name: strings.TrimSuffix(uri(kbdata.ComparisonURL(name)), "/"), Role: RoleDoc, Priority: Priority, URI: u, Display: title},
			Entry{Name: name, Role: RoleLabel, Priority: Priority, URI: u, Display: title})
	}
	current := map[string]bool{}
	for _, id := range cmpIDs {
		current[id] = true
		addComparison(id, id)
	}
	for _, old := range claimedOnce(cmpIDs, func(id string) []string { return kb.Comparisons[id].FormerIDs }) {
		if !current[old.name] {
			addComparison(old.name, old.owner)
		}
	}

	slices.SortFunc(entries, cmpEntries)
	return entries, skipped, nil
}

func cmpEntries(a, b Entry) int {
	if c := strings.Compare(a.Role, b.Role); c != 0 {
		return c
	}
	return strings.Compare(a.Name, b.Name)
}

// claim is a name and the one term or comparison that has it.
type claim struct{ name, owner string }

// claimedOnce lists the names (as lower-cased entry names) that exactly one
// of ids has, in order.
func claimedOnce(ids []string, names func(id string) []string) []claim {
	owners := map[string][]string{}
	var order []string
	for _, id := range ids {
		for _, n := range names(id) {
			key := termName(n)
			if len(owners[key]) == 0 {
				order = append(order, key)
			}
			if !slices.Contains(owners[key], id) {
				owners[key] = append(owners[key], id)
			}
		}
	}
	var out []claim
	for _, n := range order {
		if len(owners[n]) == 1 {
			out = append(out, claim{n, owners[n][0]})
		}
	}
	return out
}

// uri makes a site path relative to the site root.
func uri(sitePath string) string { return strings.TrimPrefix(sitePath, "/") }
