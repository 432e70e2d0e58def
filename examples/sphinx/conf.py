# A Sphinx project that links to the knowledge base's glossary through its
# inventory, objects.inv (docs/linking.md, "Linking from Sphinx and MkDocs").
#
# Build it from the repository root, after make build:
#
#     sphinx-build -W -b html examples/sphinx tmp/sphinx
#
# tools/internal/inventory's TestSphinx builds it with an inventory of its own.
import os

project = "Linking to the knowledge base from Sphinx"
extensions = ["sphinx.ext.intersphinx"]

# The published site, and where to read its inventory. A published site
# needs only ("https://cloudkb.github.io/kb/", None): Sphinx then downloads
# https://cloudkb.github.io/kb/objects.inv. Here it is read from a local file,
# so the build needs no network: the one make build writes (relative to this
# folder), or the file KB_INVENTORY names.
intersphinx_mapping = {
    "kb": (
        "https://cloudkb.github.io/kb/",
        os.environ.get("KB_INVENTORY", "../../public/objects.inv"),
    ),
}
