#!/usr/bin/env bash
set -euo pipefail

# Two clusters in one script: Cilium on overlay, and Cilium with a pod subnet.
RG="${RG:-rg-cilium}"
LOCATION="${LOCATION:-eastus2}"
VNET_NAME=vnet-cilium

az group create -n "$RG" -l "$LOCATION"

az network vnet create -g "$RG" --location "$LOCATION" --name "$VNET_NAME" --address-prefixes 10.0.0.0/8 -o none
az network vnet subnet create -g "$RG" --vnet-name "$VNET_NAME" --name nodesubnet --address-prefixes 10.240.0.0/16 -o none
az network vnet subnet create -g "$RG" --vnet-name "$VNET_NAME" --name podsubnet --address-prefixes 10.241.0.0/16 -o none

az aks create \
    --name aks-cilium-overlay \
    --resource-group "$RG" \
    --location "$LOCATION" \
    --network-plugin azure \
    --network-plugin-mode overlay \
    --pod-cidr 192.168.0.0/16 \
    --network-dataplane cilium \
    --generate-ssh-keys

NODE_SUBNET_ID=$(az network vnet subnet show -g "$RG" --vnet-name "$VNET_NAME" -n nodesubnet --query id -o tsv)
POD_SUBNET_ID="$(az network vnet subnet show -g "$RG" --vnet-name "$VNET_NAME" -n podsubnet --query id --output tsv)"

az aks create \
    --name aks-cilium-podsubnet \
    --resource-group "$RG" \
    --location "$LOCATION" \
    --max-pods 250 \
    --network-plugin azure \
    --vnet-subnet-id "$NODE_SUBNET_ID" \
    --pod-subnet-id "$POD_SUBNET_ID" \
    --network-dataplane cilium \
    --network-policy cilium \
    --generate-ssh-keys
