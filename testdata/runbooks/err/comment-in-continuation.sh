#!/bin/bash
# A comment line inside a continued command ends it, whether or not the comment ends
# in a backslash: AKSNET601 points at the comment, and the flags below it are not
# applied (a service CIDR inside the subnet would be AKSNET102 if they were).
az network vnet create -g rg -n vnet1 --address-prefixes 10.0.0.0/16 \
  --subnet-name nodes --subnet-prefixes 10.0.0.0/24
SUBNET_ID=$(az network vnet subnet show -g rg --vnet-name vnet1 -n nodes --query id -o tsv)

az aks create \
  --resource-group rg \
  --name aks-comment \
  --network-plugin azure \
  --vnet-subnet-id "$SUBNET_ID" \
  --service-cidr 172.16.0.0/16 \
  --dns-service-ip 172.16.0.10 \
  --max-pods 300 \
  # the service range below is never applied \
  --service-cidr 10.0.0.0/24 \
  --dns-service-ip 10.0.0.10
