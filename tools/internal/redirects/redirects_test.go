package redirects

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/cloudkb/kb/tools/internal/kbdata"
)

func TestSlug(t *testing.T) {
	tests := []struct{ name, alias, want string }{
		{"abbreviation", "VM", "vm"},
		{"space", "bare metal", "bare-metal"},
		{"runs of punctuation", "CI / CD", "ci-cd"},
		{"trimmed", "  -Function as a Service!- ", "function-as-a-service"},
		{"digits kept", "IPv6", "ipv6"},
		{"only punctuation", "++", ""},
		{"letters outside a-z", "Größe", "gr-e"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Slug(tt.alias); got != tt.want {
				t.Errorf("Slug(%q) = %q; want %q", tt.alias, got, tt.want)
			}
		})
	}
}

type terms map[string]*kbdata.Term

func term(aliases []string, former ...string) *kbdata.Term {
	return &kbdata.Term{Aliases: aliases, FormerIDs: former}
}

func TestCompute(t *testing.T) {
	tests := []struct {
		name        string
		terms       terms
		comparisons map[string]*kbdata.Comparison
		want        Table
	}{
		{
			name:  "alias and former id",
			terms: terms{"virtual-machine": term([]string{"VM", "virtual machines"}, "vm-old")},
			want: Table{Glossary: map[string][]string{"virtual-machine": {
				"/glossary/virtual-machines/", "/glossary/vm-old/", "/glossary/vm/"}}},
		},
		{
			name:  "alias equal to its own id or another term's",
			terms: terms{"container": term([]string{"Container", "Kernel"}), "kernel": term(nil)},
			want:  Table{},
		},
		{
			name:  "two aliases with one slug",
			terms: terms{"backend": term([]string{"back end", "Back-End"})},
			want:  Table{Glossary: map[string][]string{"backend": {"/glossary/back-end/"}}},
		},
		{
			name:  "slug claimed by two terms",
			terms: terms{"a": term([]string{"shared name"}), "b": term([]string{"Shared-Name"})},
			want:  Table{},
		},
		{
			name:  "former id wins over another term's alias",
			terms: terms{"container": term(nil, "box"), "kernel": term([]string{"BOX"})},
			want:  Table{Glossary: map[string][]string{"container": {"/glossary/box/"}}},
		},
		{
			name:  "former id claimed by two terms",
			terms: terms{"a": term(nil, "old"), "b": term(nil, "old")},
			want:  Table{},
		},
		{
			name:  "former id that is a term again",
			terms: terms{"a": term(nil, "b"), "b": term(nil)},
			want:  Table{},
		},
		{
			name:  "empty slug",
			terms: terms{"a": term([]string{"++"})},
			want:  Table{},
		},
		{
			name: "comparisons",
			comparisons: map[string]*kbdata.Comparison{
				"x-vs-y": {FormerIDs: []string{"y-vs-x", "shared"}},
				"p-vs-q": {FormerIDs: []string{"shared", "x-vs-y"}},
			},
			want: Table{Compare: map[string][]string{"x-vs-y": {"/compare/y-vs-x/"}}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Compute(&kbdata.KB{Terms: tt.terms, Comparisons: tt.comparisons})
			want := tt.want
			if want.Glossary == nil {
				want.Glossary = map[string][]string{}
			}
			if want.Compare == nil {
				want.Compare = map[string][]string{}
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("Compute(%s) = %v; want %v", tt.name, got, want)
			}
		})
	}
}

func TestJSON(t *testing.T) {
	kb := &kbdata.KB{Terms: terms{"b": term([]string{"B2"}), "a": term([]string{"A1"})}}
	got := Compute(kb).JSON()
	var v struct {
		Version  int                 `json:"version"`
		Glossary map[string][]string `json:"glossary"`
		Compare  map[string][]string `json:"compare"`
	}
	if err := json.Unmarshal(got, &v); err != nil {
		t.Fatalf("JSON() = %s: %v", got, err)
	}
	if v.Version != Version || len(v.Glossary) != 2 || v.Compare == nil {
		t.Errorf("JSON() = %s; want version %d, two terms, an empty compare", got, Version)
	}
	if again := Compute(kb).JSON(); string(again) != string(got) {
		t.Errorf("JSON() = %s, then %s; want the same bytes", got, again)
	}
}
