#!/usr/bin/env bash
SERVICE_CIDR=172.16.0.0/16
DNS_IP=10.0.0.10

az aks create \
  --resource-group rg \
  --name aks-overlay \
  --network-plugin azure \
  --network-plugin-mode overlay \
  --service-cidr "$SERVICE_CIDR" \
  --dns-service-ip "$DNS_IP"
