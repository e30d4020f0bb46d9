#!/usr/bin/env bash
set -euo pipefail

az aks create --resource-group rg-dev --name aks-dev \
  --network-plugin azure --network-plugin-mode overlay \
  --service-cidr 10.0.0.0/16 --dns-service-ip 10.0.0.10 \
  --node-count 2 \
  --max-pods 10 # aksnet-lint:ignore AKSNET302 a test cluster: two nodes, few pods
