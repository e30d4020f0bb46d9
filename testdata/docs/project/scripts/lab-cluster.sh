#!/usr/bin/env bash
# A lab cluster, deleted every night: dense nodes on purpose.
set -euo pipefail

az aks create --resource-group rg-lab --name aks-lab \
  --network-plugin azure --network-plugin-mode overlay \
  --max-pods 300
