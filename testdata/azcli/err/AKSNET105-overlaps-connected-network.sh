#!/bin/bash
# A spoke VNet peered with a hub that uses 10.0.0.0/16, the default service CIDR.
RG=rg-spoke
az network vnet create -g $RG -n vnet-hub --address-prefixes 10.0.0.0/16 --subnet-name AzureFirewallSubnet --subnet-prefixes 10.0.0.0/26
az network vnet create -g $RG -n vnet-spoke --address-prefixes 10.240.0.0/16 --subnet-name snet-nodes --subnet-prefixes 10.240.0.0/22
az network vnet peering create -g $RG -n spoke-to-hub --vnet-name vnet-spoke --remote-vnet vnet-hub --allow-vnet-access
az aks create -g $RG -n aks-spoke \
    --network-plugin azure --network-plugin-mode overlay --pod-cidr 192.168.0.0/16 \
    --vnet-subnet-id "$(az network vnet subnet show -g $RG --vnet-name vnet-spoke -n snet-nodes --query id -o tsv)"
