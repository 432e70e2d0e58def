#!/usr/bin/env bash
# ablate.sh: what each feature of the site costs the Hugo build, by taking
# features out one at a time from a site `go run ./tools/bench -work DIR`
# generated, and building each variant. docs/performance.md reports its table.
#
#   bash tools/bench/ablate.sh DIR/10000/full [runs] [pattern]
#
# Each variant is a copy of the site with one change (below); each is built
# `runs` times (default 2) with the Hugo the bench built (DIR/bin/hugo),
# rendering to memory (what the features cost Hugo, not the disk), and
# the best wall time is kept, with the CPU time (user + system) and peak
# memory of that run. With a pattern (an extended regular expression), only
# the variants whose name matches it run, and "all features" always. The copy's kb links files are the site's own: run the
# bench (or kb links) on it first.
set -euo pipefail

site=$(cd "$1" && pwd)
runs=${2:-2}
pattern=${3:-.}
hugo=$(cd "$site/../.." && pwd)/bin/hugo
[ -x "$hugo" ] || { echo "ablate.sh: no $hugo: run go run ./tools/bench -work DIR first" >&2; exit 2; }
[ -f "$site/resources/kb/links.json" ] || { echo "ablate.sh: no $site/resources/kb/links.json: run kb links there" >&2; exit 2; }
# In memory where the machine allows: each variant copies the site and builds
# it, and on a disk with an I/O budget the later variants would pay for the
# earlier ones' writes (the figures drifted up through a run by a third).
scratch=$(mktemp -d -p /dev/shm 2>/dev/null || mktemp -d)
trap 'rm -rf "$scratch"' EXIT

# Each variant: a name and the shell commands that change the copy (run in it).
variants=(
  "all features|:"
  "term shortcode prints a constant link|printf '<a href=\"/\">term</a>' > shortcodes/term.html"
  "comparison shortcode prints nothing|: > shortcodes/comparison.html"
  "term page: name and definition only|printf '{{ define \"main\" }}<h1>{{ .Title }}</h1>{{ .Content }}{{ end }}' > layouts/glossary/page.html"
  "comparison page: title only|printf '{{ define \"main\" }}<h1>{{ .Title }}</h1>{{ end }}' > layouts/compare/page.html"
  "article: text only (no contents list, pager)|printf '{{ define \"main\" }}<h1>{{ .Title }}</h1>{{ .Content }}{{ end }}' > layouts/single.html"
  "head: title only|printf '<title>{{ .Title }}</title>' > layouts/_partials/site/head.html"
  "no redirect pages|sed -i 's/\"aliases\" (index \$redirects \$id | default slice)/\"aliases\" slice/' content/glossary/_content.gotmpl content/compare/_content.gotmpl"
  "lists of pages: titles only|printf '<ul>{{ range . }}<li><a href=\"{{ .RelPermalink }}\">{{ .LinkTitle }}</a></li>{{ end }}</ul>' > layouts/_partials/site/page-list.html"
  "no JSON indexes, _redirects, _headers|sed -i 's/^outputs: .*/outputs: [\"html\"]/' content/glossary/_index.md content/compare/_index.md && sed -i 's/^home = .*/home = [\"html\"]/' config.toml"
)

printf '| variant | wall (s) | CPU (s) | peak memory (MB) |\n|---|---:|---:|---:|\n'
for v in "${variants[@]}"; do
  name=${v%%|*}
  change=${v#*|}
  if [ "$name" != "all features" ] && ! grep -Eq -- "$pattern" <<<"$name"; then
    continue
  fi
  rm -rf "$scratch/site" "$scratch/public"
  cp -a "$site" "$scratch/site"
  (cd "$scratch/site" && eval "$change")
  best=""
  for _ in $(seq "$runs"); do
    rm -rf "$scratch/public"
    out=$(cd "$scratch/site" && /usr/bin/time -f '%e %U %S %M' "$hugo" --quiet --renderToMemory 2>&1 >/dev/null | tail -1)
    read -r wall user sys rss <<<"$out"
    if [ -z "$best" ] || awk -v a="$wall" -v b="${best%% *}" 'BEGIN { exit !(a < b) }'; then
      best="$wall $(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.1f", u + s }') $((rss / 1024))"
    fi
  done
  read -r wall cpu rss <<<"$best"
  printf '| %s | %s | %s | %s |\n' "$name" "$wall" "$cpu" "$rss"
done
