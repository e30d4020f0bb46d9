#!/usr/bin/env bash
# The service range comes from another system: it cannot be known before running.
SERVICE_CIDR=$(curl -s https://ipam.example.internal/next-range)

az aks create -g rg -n aks-ipam \
  --network-plugin azure --network-plugin-mode overlay \
  --service-cidr "$SERVICE_CIDR" --dns-service-ip 10.0.0.10
