// Package suggest finds the known name closest to a mistyped one, for
// "did you mean" hints.
package suggest

import (
	"strings"

	"github.com/agnivade/levenshtein"
)

// Closest returns the candidate nearest to s by edit distance (ignoring
// case), or "" when none is near enough to be a plausible typo: within a
// third of the longer word's length, and at most 3 edits.
func Closest(s string, candidates []string) string {
	best, bestDist := "", -1
	ls := strings.ToLower(s)
	for _, c := range candidates {
		limit := min(3, max(1, max(len(ls), len(c))/3))
		// Lengths further apart than the limit cannot be within it: this
		// keeps a hostile megabyte-long id from costing a distance per
		// candidate.
		if len(ls)-len(c) > limit || len(c)-len(ls) > limit {
			continue
		}
		d := levenshtein.ComputeDistance(ls, strings.ToLower(c))
		if d > limit {
			continue
		}
		if bestDist < 0 || d < bestDist || d == bestDist && c < best {
			best, bestDist = c, d
		}
	}
	return best
}
