package schema

import (
	"reflect"

	"github.com/cloudkb/kb/tools/internal/kbdata"
)

// class says what a field's strings are, beyond "not blank". The model's
// struct tags cannot say it, so every field of every type is classified
// here; TestEveryFieldClassified fails when kbdata gains a field this table
// does not name.
type class int

const (
	// text is free text: any string with more than white space.
	text class = iota + 1
	// id is a kebab-case id, or a list of them.
	id
	// url is an absolute http(s) URL.
	url
	// date is a day written YYYY-MM-DD.
	date
	// page is the site path of a term or comparison page, /glossary/<id>/
	// or /compare/<id>/.
	page
	// tables is an array of tables ([[aspect]]), each described by the
	// element type.
	tables
	// idTables is a table of tables keyed by id ([facts.<aspect-id>]),
	// each described by the element type.
	idTables
)

func (c class) String() string {
	switch c {
	case text:
		return "text"
	case id:
		return "id"
	case url:
		return "url"
	case date:
		return "date"
	case page:
		return "page"
	case tables:
		return "tables"
	case idTables:
		return "idTables"
	}
	return "unclassified"
}

// rule is what the schema says about one field beyond its Go type and tags.
type rule struct {
	class class
	// minItems, when above 1, overrides the minItems of 1 a required
	// array gets.
	minItems int
}

// fields classifies every TOML key of every type in the data model, by
// type and key.
var fields = map[reflect.Type]map[string]rule{
	reflect.TypeFor[kbdata.Term](): {
		"name":       {class: text},
		"aliases":    {class: text},
		"summary":    {class: text},
		"definition": {class: text},
		"related":    {class: id},
		"tags":       {class: text},
		"sources":    {class: id},
		"facts":      {class: idTables},
		"former_ids": {class: id},
	},
	reflect.TypeFor[kbdata.Fact](): {
		"value":   {class: text},
		"note":    {class: text},
		"sources": {class: id},
	},
	reflect.TypeFor[kbdata.Comparison](): {
		"title":      {class: text},
		"summary":    {class: text},
		"subjects":   {class: id, minItems: 2},
		"aspects":    {class: id},
		"takeaways":  {class: idTables},
		"former_ids": {class: id},
	},
	reflect.TypeFor[kbdata.Takeaway](): {
		"favours": {class: id},
		"why":     {class: text},
		"sources": {class: id},
	},
	reflect.TypeFor[kbdata.AspectRegistry](): {
		"aspect": {class: tables},
	},
	reflect.TypeFor[kbdata.Aspect](): {
		"id":       {class: id},
		"name":     {class: text},
		"question": {class: text},
	},
	reflect.TypeFor[kbdata.SourceRegistry](): {
		"source": {class: tables},
	},
	reflect.TypeFor[kbdata.Source](): {
		"id":        {class: id},
		"title":     {class: text},
		"publisher": {class: text},
		"url":       {class: url},
		"accessed":  {class: date},
	},
	reflect.TypeFor[kbdata.CriterionRegistry](): {
		"criterion": {class: tables},
	},
	reflect.TypeFor[kbdata.Ledger](): {
		"urls": {class: page},
	},
	reflect.TypeFor[kbdata.Criterion](): {
		"id":        {class: id},
		"situation": {class: text},
		"favours":   {class: id},
		"why":       {class: text},
		"sources":   {class: id},
	},
}

// field is one TOML key of a struct type, read from its tags.
type field struct {
	key      string
	doc      string
	required bool
	typ      reflect.Type
}

// keysOf lists the TOML keys of struct type t in declaration order,
// skipping fields tagged `toml:"-"` (a term's id is its file name).
func keysOf(t reflect.Type) []field {
	var fs []field
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		key := f.Tag.Get("toml")
		if key == "" || key == "-" {
			continue
		}
		fs = append(fs, field{key: key, doc: f.Tag.Get("doc"), required: f.Tag.Get("kb") == "required", typ: f.Type})
	}
	return fs
}
