#!/bin/bash
# Privileges (make check; root only, else skipped): `watch` as root with
# `user` set drops to it before the first fax; nothing o+r in the home.
exec bash "$(dirname "$0")/../reliability/test-privs.sh"
