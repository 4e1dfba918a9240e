#!/usr/bin/env python3
"""Transcribe the access-package facts tul2studio compiles in.

Reads the extracted tables in ../shared/data/access-packages/derived (beside the checkout)
and writes the project's own tab-separated files under data/access/. Run it when the shared
data is refreshed, then review the diff:

    python3 scripts/transcribe-access-data.py ../shared/data/access-packages/derived
"""
import json
import sys
from pathlib import Path

SOURCE = ("Altinn/altinn-authorization-tmp@f7ff53bd2f00c8ddfc9f5bf58cc7a084c9383240 (2026-08-21), "
          "extracted via shared/data/access-packages/derived")


def load(directory, name):
    return json.loads((directory / f"{name}.json").read_text(encoding="utf-8"))


def clean(value):
    return "" if value is None else str(value).replace("\t", " ").replace("\n", " ").strip()


def flag(value):
    return "1" if value in (True, "True", "true", 1) else "0"


def write(path, header, columns, rows):
    lines = [f"# {header}", f"# source: {SOURCE}", "\t".join(columns)]
    lines += ["\t".join(clean(c) for c in row) for row in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main():
    src = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/data/access-packages/derived")
    out = Path(__file__).resolve().parent.parent / "data" / "access"
    out.mkdir(parents=True, exist_ok=True)

    packages = load(src, "access-packages")
    write(out / "packages.tsv", "access packages (tilgangspakker)",
          ["code", "name_nb", "name_nn", "name_en", "area_nb", "party_type", "service_owner_usable", "delegable"],
          sorted(([p["code"], p["name_nb"], p["name_nn"], p["name_en"], p["area_nb"],
                   "person" if p["party_type"] == "Person" else "organisation",
                   flag(p["is_available_for_service_owners"]), flag(p["is_delegable"])] for p in packages),
                 key=lambda r: r[0]))

    kinds = {"CCR External Roles": "er", "CRA External Roles": "guardianship",
             "Altinn 2 Role Codes": "altinn2", "Altinn 3 Roles": "altinn3"}
    rows = []
    for r in load(src, "roles"):
        kind = kinds[r["source_region"]]
        # Codes as TUL wrote them: ER and Altinn II codes upper-case (DAGL, UTINN); an Altinn 3
        # role with a legacy code is found by that code too (PRIV for privatperson).
        code = r["legacy_code"] or r["code"]
        legacy = kind in ("er", "altinn2") or bool(r["legacy_code"])
        rows.append([code.upper() if legacy else code, kind, r["urn"],
                     r["name_nb"], r["name_en"], flag(r["is_key_role"])])
    write(out / "roles.tsv", "roles: ER (Enhetsregisteret), guardianship, Altinn II and Altinn 3 roles",
          ["code", "kind", "urn", "name_nb", "name_en", "key_role"], sorted(rows, key=lambda r: (r[1], r[0])))

    rows = []
    for r in load(src, "er-role-to-access-package"):
        if not r["role_legacy_code"]:
            continue
        rows.append([r["role_legacy_code"].upper(), r["package_urn"].rsplit(":", 1)[1], flag(r["has_access"]),
                     flag(r["can_delegate"]), r["entity_variant"]])
    write(out / "er-role-packages.tsv", "official ER role -> access package table (IngestRolePackage)",
          ["role", "package", "has_access", "can_delegate", "entity_variant"], sorted(rows))

    rows = []
    for r in load(src, "altinn2-role-to-access-package"):
        packages = ",".join(u.rsplit(":", 1)[1] for u in r["access_package_urns"].split(";") if u)
        rows.append([r["altinn2_role_code"].upper(), r["mapping_kind"], packages, r["condition"], r["note"]])
    write(out / "altinn2-role-packages.tsv",
          "Altinn II role -> candidate access packages (curated; confidence per row, not an official Digdir table)",
          ["role", "confidence", "packages", "condition", "note"], sorted(rows))


if __name__ == "__main__":
    main()
