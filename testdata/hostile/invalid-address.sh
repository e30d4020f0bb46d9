#!/bin/bash
# Malformed addresses in every flag that takes one.
az network vnet create -g rg -n vnet --address-prefixes 10.240.1.0/12 \
  --subnet-name nodes --subnet-prefixes 10.240.0/22
az network vnet subnet create -g rg --vnet-name vnet -n pods --address-prefixes 10.241.0.0/33
az network route-table create -g rg -n rt
az network route-table route create -g rg --route-table-name rt -n bad --address-prefix 0.0.0.0/0/0 --next-hop-type VirtualAppliance --next-hop-ip-address 10.0.0.4
az network nsg create -g rg -n nsg
az network nsg rule create -g rg --nsg-name nsg -n in --priority 100 --source-address-prefixes 10.0.0.0.0/8 --destination-address-prefixes 10.2.0.1/16
az aks create -g rg -n aks --network-plugin azure --network-plugin-mode overlay \
  --pod-cidr 192.168.0.0/ --service-cidr 10.0.0.1/16 --dns-service-ip 10.0.0.300
